import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
import { freePort } from '../test/smtp';

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

  it('answers a browser’s CORS preflight without a token and exposes Date to the app', async () => {
    const preflight = await s.app.inject({
      method: 'OPTIONS',
      url: '/forms/batch',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    const real = await s.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { ...auth(s.team.agent), origin: 'http://127.0.0.1:5173' },
    });
    expect(real.headers['access-control-allow-origin']).toBe('*');
    expect(String(real.headers['access-control-expose-headers'])).toMatch(/Date/);
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

// A bound, not a speed goal: tsx + PGlite + migrations take ~20 s on a quiet machine and were seen
// taking 60-130 s with the machine's two cores loaded by other suites.
const START_BOUND_MS = 180_000;

async function waitFor(url: string, timeoutMs = START_BOUND_MS): Promise<void> {
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

describe('npm run server with nothing configured', () => {
  it(
    'starts on embedded PGlite, seeds the demo accounts, refuses a second process, stops on SIGTERM',
    { timeout: START_BOUND_MS + 60_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-data-'));
      const port = await freePort();
      const env = {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        PORT: String(port),
        MAIL_WORKER: '0',
        LOG_LEVEL: 'info',
      };
      const child = spawn(TSX, ['server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout.on('data', (d) => (log += d));
      child.stderr.on('data', (d) => (log += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await waitFor(`http://127.0.0.1:${port}/healthz`);
        expect(log).toContain('demo accounts created');
        expect(log).toContain('companion-agente');
        const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'agente', password: 'companion-agente' }),
        });
        expect(login.status).toBe(200);
        expect((await login.json()).user).toMatchObject({ role: 'agent', username: 'agente' });

        // The admin CLI on the same embedded folder while the server holds it: refused, not corrupted.
        const cli = spawn(TSX, ['server/src/cli/admin.ts', 'list-users'], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let cliOut = '';
        cli.stderr.on('data', (d) => (cliOut += d));
        expect(await new Promise((resolve) => cli.on('exit', resolve))).toBe(1);
        expect(cliOut).toMatch(/en uso por el proceso/);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(log).toContain('stopped');
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});

describe.skipIf(!PG_URL)('admin CLI [postgres]', () => {
  it('creates a user who can then sign in', { timeout: START_BOUND_MS + 60_000 }, async () => {
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
