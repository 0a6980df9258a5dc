import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { auth, login, testConfig } from '../../test/harness';
import { buildApp } from '../app';
import { createUser } from '../auth/users';
import { openDb } from '../db/open';
import { loadMailboxes } from './mailboxes';
import { loadCaseRoles, setCaseRoles } from './roles';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-cli-'));

function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['server/src/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('admin CLI: back-office accounts, case roles and mailboxes', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Each CLI run starts tsx and opens the embedded database: slow on a loaded machine.
  it(
    'creates a back-office account with case roles who then works cases; agents get none',
    { timeout: 300_000 },
    async () => {
      const created = await cli(
        'create-user',
        '--username',
        'marta',
        '--password',
        'clave-de-marta',
        '--role',
        'backoffice',
        '--name',
        'Marta Mesa',
        '--case-roles',
        'mesa_clientes',
      );
      expect(created.code, created.out).toBe(0);
      expect(created.out).toContain('Usuario creado: marta (backoffice, id 1), roles de caso: mesa_clientes');
      const wrong = await cli('set-case-roles', '--username', 'marta', '--roles', 'mesa_clientes,jefa');
      expect(wrong.code).toBe(1);
      expect(wrong.out).toContain('Rol de caso inválido «jefa»');
      const mailbox = await cli('set-mailbox', 'mesa_clientes', '--to', 'Mesa@Abastible.cl');
      expect(mailbox.code, mailbox.out).toBe(0);
      expect(mailbox.out).toContain('Casilla mesa_clientes: mesa@abastible.cl');

      const db = await openDb({ databaseUrl: null, dataDir });
      const app = await buildApp({ db, config: testConfig({ dataDir }), logger: false });
      try {
        expect(await loadCaseRoles(db, 1)).toEqual(['mesa_clientes']);
        expect((await loadMailboxes(db)).mesa_clientes).toEqual(['mesa@abastible.cl']);
        const marta = await login(app, 'marta', 'clave-de-marta');
        expect((await app.inject({ method: 'GET', url: '/cases', headers: auth(marta) })).statusCode).toBe(
          200,
        );
        // An agent account never gets case roles, and never sees cases.
        await createUser(db, { username: 'ana', password: 'clave-de-ana', role: 'agent' });
        await expect(setCaseRoles(db, 'ana', ['mesa_clientes'])).rejects.toThrow(
          'Un agente no tiene roles de back office',
        );
        const ana = await login(app, 'ana', 'clave-de-ana');
        expect((await app.inject({ method: 'GET', url: '/cases', headers: auth(ana) })).statusCode).toBe(403);
      } finally {
        await app.close();
        await db.close();
      }
    },
  );
});
