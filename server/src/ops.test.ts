import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, createPgDatabase, describeEachBackend } from '../test/db';
import { auth, form, startApp, testConfig, type Started } from '../test/harness';
import { buildApp } from './app';
import { migrate, readMigrations } from './db/migrate';
import { seedDemo } from './seed';
import type { Db } from './db/types';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describeEachBackend('operations', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open());
  });
  afterAll(() => s.close());

  it('/healthz answers without a token', async () => {
    const response = await s.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: backend.name });
  });

  it('/healthz says so when the database answers but cannot read its tables', async () => {
    await s.db.exec('ALTER TABLE mail_outbox RENAME TO mail_outbox_lost');
    try {
      const response = await s.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'error', db: backend.name });
      expect(response.json().problem).toMatch(/no puede leer sus tablas: .*mail_outbox/);
    } finally {
      await s.db.exec('ALTER TABLE mail_outbox_lost RENAME TO mail_outbox');
    }
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('/openapi.json is generated from the zod schemas (the form envelope included) and needs a token', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(401);
    const spec = (
      await s.app.inject({ method: 'GET', url: '/openapi.json', headers: auth(s.team.agent) })
    ).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const p of ['/forms/batch', '/directory', '/tickets/open', '/auth/login', '/admin/directory/import'])
      expect(spec.paths).toHaveProperty(p);
    const body = JSON.stringify(spec.paths['/forms/batch'].post.requestBody);
    for (const field of ['customerCode', 'blockCodes', 'supervisorReason', 'values'])
      expect(body).toContain(field);
    expect(spec.paths['/forms/batch'].post.responses).toHaveProperty('422');
  });

  it('answers the app’s own pages’ CORS preflight without a token and exposes Date to them', async () => {
    for (const origin of ['http://127.0.0.1:5173', 'http://localhost:4173', 'null']) {
      const preflight = await s.app.inject({
        method: 'OPTIONS',
        url: '/forms/batch',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.statusCode, origin).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    }
    const real = await s.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { ...auth(s.team.agent), origin: 'http://127.0.0.1:5173' },
    });
    expect(real.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    expect(String(real.headers['access-control-expose-headers'])).toMatch(/Date/);
  });

  it('gives a foreign web page nothing: no CORS headers, its preflight refused, no Private Network Access', async () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1.evil.example:5173',
      'http://10.0.0.9:5173',
    ]) {
      const preflight = await s.app.inject({
        method: 'OPTIONS',
        url: '/auth/login',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-private-network': 'true',
        },
      });
      expect(preflight.statusCode, origin).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-private-network']).toBeUndefined();
      const simple = await s.app.inject({ method: 'GET', url: '/healthz', headers: { origin } });
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    }
    // "null" (Electron's file:// pages, but also a public page's sandboxed frame) never gets it either.
    const sandboxed = await s.app.inject({
      method: 'OPTIONS',
      url: '/auth/login',
      headers: {
        origin: 'null',
        'access-control-request-method': 'POST',
        'access-control-request-private-network': 'true',
      },
    });
    expect(sandboxed.headers['access-control-allow-private-network']).toBeUndefined();
  });

  it('applying the migrations again changes nothing', async () => {
    expect(await migrate(s.db)).toEqual([]);
    const { rows } = await s.db.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows.map((r) => r.name)).toContain('001_init.sql');
  });

  it('never seeds demo accounts into a database that has users', async () => {
    const silent = { warn: () => {}, info: () => {} } as unknown as Parameters<typeof seedDemo>[1];
    expect(await seedDemo(s.db, silent, null)).toBe(false);
    const { rows } = await s.db.query<{ username: string }>(
      `SELECT username FROM users WHERE username = 'agente'`,
    );
    expect(rows).toEqual([]);
  });

  it('routes are configurable by an admin and take effect at once', async () => {
    const put = await s.app.inject({
      method: 'PUT',
      url: '/admin/routes/Z9',
      headers: auth(s.team.admin),
      payload: { areaId: 'visitas', recipients: ['programacion@empresa.cl', 'terreno@empresa.cl'] },
    });
    expect(put.statusCode).toBe(200);
    const f = form('sinConsumo');
    await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [f] },
    });
    const { rows } = await s.db.query<{ recipients: string[] }>(
      'SELECT recipients FROM mail_outbox WHERE form_id = $1',
      [f.id],
    );
    expect(rows[0]!.recipients).toEqual(['programacion@empresa.cl', 'terreno@empresa.cl']);
    const bad = await s.app.inject({
      method: 'PUT',
      url: '/admin/routes/Z9',
      headers: auth(s.team.admin),
      payload: { areaId: 'visitas', recipients: ['no es correo'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await s.app.inject({
          method: 'PUT',
          url: '/admin/routes/Z9',
          headers: auth(s.team.agent),
          payload: { areaId: 'visitas', recipients: [] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('finishes an in-flight request when closing (graceful shutdown)', async () => {
    // A database that takes its time on the form insert, so the request is mid-flight at close().
    let reachedInsert!: () => void;
    const inInsert = new Promise<void>((resolve) => (reachedInsert = resolve));
    const slowly = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      if (sql.includes('INSERT INTO forms')) {
        reachedInsert();
        await new Promise((r) => setTimeout(r, 400));
      }
      return run();
    };
    const slow: Db = {
      ...s.db,
      query: (sql, params) => slowly(sql, () => s.db.query(sql, params)),
      transaction: (fn) =>
        s.db.transaction((tx) =>
          fn({ ...tx, query: (sql, params) => slowly(sql, () => tx.query(sql, params)) }),
        ),
    };
    const app = await buildApp({ db: slow, config: testConfig(), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const f = form('certificacion');
    const pending = fetch(`http://127.0.0.1:${port}/forms/batch`, {
      method: 'POST',
      headers: { ...auth(s.team.agent), 'content-type': 'application/json' },
      body: JSON.stringify({ forms: [f] }),
    });
    // Close only once the request is inside the server (under load it may take long to arrive).
    await inInsert;
    await app.close();
    const response = await pending;
    expect(response.status).toBe(200);
    expect((await response.json()).results[0].status).toBe('accepted');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

async function waitFor(url: string, timeoutMs = 150_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`${url} not up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(TSX, [script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The URL of a server started with PORT=0, from the bound port its log reports (main.ts). */
async function listeningUrl(server: Run, timeoutMs = 150_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const port = /"port":(\d+),"msg":"listening"/.exec(server.output())?.[1];
    if (port) return `http://127.0.0.1:${port}`;
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output().slice(-2000)}`);
    if (Date.now() > end) throw new Error(`server not listening: ${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function worldWritable(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const target = path.join(dir, name);
    if (statSync(target).mode & 0o002) found.push(name);
  }
  return found;
}

const DEMO_PASSWORDS = ['companion-admin', 'companion-supervisor', 'companion-agente'];

describe('npm run server with nothing configured', () => {
  // Several server and CLI processes, each a tsx start: minutes on a loaded 2-core machine.
  it(
    'starts on embedded PGlite with demo accounts on loopback, never logging a password; refuses what it must',
    { timeout: 300_000 },
    async () => {
      const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'companion-data-')), 'datos');
      // Nothing configured: no HOST, no SEED_DEMO from the environment running the tests.
      const { HOST: _host, SEED_DEMO: _seed, ...inherited } = process.env;
      const env: NodeJS.ProcessEnv = {
        ...inherited,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        // Any free port, bound by the server and read back from its log (no port picked and bound later).
        PORT: '0',
        MAIL_WORKER: '0',
        LOG_LEVEL: 'debug',
      };
      const server = run('server/src/main.ts', [], env);
      const newPassword = 'otra-clave-del-agente';
      try {
        const url = await listeningUrl(server);
        await waitFor(`${url}/healthz`);
        expect(server.output()).toContain('demo accounts created');
        const signIn = (password: string) =>
          fetch(`${url}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'agente', password }),
          });
        const login = await signIn('companion-agente');
        expect(login.status).toBe(200);
        const session = await login.json();
        expect(session.user).toMatchObject({ role: 'agent', username: 'agente' });

        // The embedded default serves the app's sample directory, so web + server work end to end.
        const feed = await fetch(`${url}/directory?since=0`, {
          headers: { authorization: `Bearer ${session.token}` },
        });
        const header = JSON.parse((await feed.text()).split('\n')[0]!);
        const sampleRows =
          readFileSync(path.join(ROOT, 'assets/sample-directory.csv'), 'utf8').trim().split('\n').length - 1;
        expect(header).toMatchObject({ type: 'header', snapshot: true, count: sampleRows });

        // The admin CLI on the same embedded folder while the server holds it: refused, and told the way.
        const local = run('server/src/cli/admin.ts', ['list-users'], env);
        expect(await local.exited).toBe(1);
        expect(local.output()).toMatch(/en uso por el proceso[\s\S]*--server/);

        // …which works: a password changed through the running server's admin API.
        const remote = run(
          'server/src/cli/admin.ts',
          ['set-password', '--server', url, '--username', 'agente'],
          { ...env, COMPANION_ADMIN_PASSWORD: 'companion-admin', COMPANION_PASSWORD: newPassword },
        );
        expect(await remote.exited, remote.output()).toBe(0);
        expect((await signIn('companion-agente')).status).toBe(401);
        expect((await signIn(newPassword)).status).toBe(200);
      } finally {
        server.child.kill('SIGTERM');
      }
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('stopped');
      for (const secret of [...DEMO_PASSWORDS, newPassword]) expect(server.output()).not.toContain(secret);

      // Only this account can enter the folder; nothing in it is world-writable.
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(worldWritable(dataDir)).toEqual([]);

      // Beyond loopback: demo seeding refused, and so is serving accounts whose password is published.
      const exposed = { ...env, HOST: '192.0.2.10' };
      const seeding = run('server/src/main.ts', [], { ...exposed, SEED_DEMO: '1' });
      expect(await seeding.exited).toBe(1);
      expect(seeding.output()).toMatch(/SEED_DEMO está activo y HOST=192\.0\.2\.10 no es local/);
      const published = run('server/src/main.ts', [], exposed);
      expect(await published.exited).toBe(1);
      expect(published.output()).toMatch(
        /Las cuentas admin, supervisor aún tienen su contraseña demo publicada/,
      );
      expect(published.output()).toMatch(/set-password/);
      expect(published.output()).not.toMatch(/\n\s+at /);

      // A damaged folder (PG_VERSION gone) is refused with what to do, not re-created empty.
      rmSync(path.join(dataDir, 'pglite', 'PG_VERSION'));
      const damaged = run('server/src/main.ts', [], env);
      expect(await damaged.exited).toBe(1);
      expect(damaged.output()).toMatch(/no es una base válida \(falta PG_VERSION\)[\s\S]*Restaure/);
      expect(damaged.output()).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(false);
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  );
});

// Skipped without PostgreSQL (npm run test:server starts one): the CLI against a DATABASE_URL.
describe.skipIf(!PG_URL)('admin CLI [postgres]', () => {
  it('creates a user who can then sign in', { timeout: 210_000 }, async () => {
    const { url, drop } = await createPgDatabase();
    try {
      const run = (args: string[]) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(TSX, ['server/src/cli/admin.ts', ...args], {
            cwd: ROOT,
            env: { ...process.env, DATABASE_URL: url },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('exit', (code) => resolve({ code, out }));
        });
      const created = await run([
        'create-user',
        '--username',
        'Paula',
        '--password',
        'clave-de-paula',
        '--role',
        'supervisor',
        '--name',
        'Paula Díaz',
      ]);
      expect(created.code, created.out).toBe(0);
      expect(created.out).toContain('Usuario creado: paula (supervisor');
      const dup = await run([
        'create-user',
        '--username',
        'paula',
        '--password',
        'clave-de-paula',
        '--role',
        'agent',
      ]);
      expect(dup.code).toBe(1);
      expect(dup.out).toContain('ya existe');

      const { openPostgres } = await import('./db/postgres');
      const db = openPostgres(url);
      const app = await buildApp({ db, config: testConfig(), logger: false });
      const login = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: 'paula', password: 'clave-de-paula' },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().user).toMatchObject({ displayName: 'Paula Díaz', role: 'supervisor' });
      await app.close();
      await db.close();
    } finally {
      await drop();
    }
  });
});
