import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { reportedPort } from '../../support/listening';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** Demo accounts the server seeds into an empty embedded database (server/src/seed.ts). */
export const AGENT = { username: 'agente', password: 'companion-agente' };
export const ADMIN = { username: 'admin', password: 'companion-admin' };

export interface BackOffice {
  url: string;
  port: number;
  /** SIGKILL: the outage as a crash, no graceful shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  login(account?: { username: string; password: string }): Promise<string>;
  /** POST /admin/directory/import (text/csv), as an administrator. */
  importCsv(
    csv: string,
    mode?: 'upsert' | 'full',
  ): Promise<{ inserted: number; updated: number; cursor: number }>;
}

/**
 * The real back office (`npm run server`) with its embedded PGlite in `dataDir`, on the port it
 * binds itself (PORT=0, reported back: no port chosen first and bound later).
 * `seedCsv` is imported by the server itself at first start (SEED_DIRECTORY_CSV).
 */
export async function startBackOffice(options: {
  dataDir: string;
  seedCsv?: string;
  log?: boolean;
}): Promise<BackOffice> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: options.dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: options.log ? 'info' : 'warn',
      MAIL_WORKER: 'false',
      SEED_DEMO: 'true',
      RATE_LIMIT_MAX: '100000',
      // No directory unless the test gives one (the embedded default would load the sample).
      SEED_DIRECTORY_CSV: options.seedCsv ?? '',
    },
    stdio: ['ignore', options.log ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  // A first start migrates and imports the seed directory before listening: minutes when loaded.
  const port = await reportedPort(child, () => 'see its output above', 30 * 60_000);
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`back office exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('back office did not start');
    await new Promise((r) => setTimeout(r, 250));
  }

  const login = async (account = AGENT) => {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    if (!response.ok) throw new Error(`login ${account.username}: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };

  return {
    url,
    port,
    login,
    async kill() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
    async importCsv(csv, mode = 'upsert') {
      const token = await login(ADMIN);
      const response = await fetch(`${url}/admin/directory/import?mode=${mode}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: csv,
      });
      if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
      return (await response.json()) as { inserted: number; updated: number; cursor: number };
    },
  };
}
