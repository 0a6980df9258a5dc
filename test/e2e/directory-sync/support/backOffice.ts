import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** Demo accounts the server seeds into an empty embedded database (server/src/seed.ts). */
export const AGENT = { username: 'agente', password: 'companion-agente' };
export const ADMIN = { username: 'admin', password: 'companion-admin' };

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

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
 * The real back office (`npm run server`) with its embedded PGlite in `dataDir`, on a free port.
 * `seedCsv` is imported by the server itself at first start (SEED_DIRECTORY_CSV).
 */
export async function startBackOffice(options: {
  dataDir: string;
  port?: number;
  seedCsv?: string;
  log?: boolean;
}): Promise<BackOffice> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: options.log ? 'info' : 'warn',
      MAIL_WORKER: 'false',
      SEED_DEMO: 'true',
      RATE_LIMIT_MAX: '100000',
      // No directory unless the test gives one (the embedded default would load the sample).
      SEED_DIRECTORY_CSV: options.seedCsv ?? '',
    },
    stdio: ['ignore', options.log ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');

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
