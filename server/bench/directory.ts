/**
 * `npm run bench:server:directory`: a directory of N customers (default 1 000 000) streamed as CSV
 * into the admin import endpoint, then the full NDJSON snapshot and a small delta streamed back,
 * against PostgreSQL over loopback. Prints times and the server's peak memory, which must stay
 * far below the size of the data (nothing holds the whole directory).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createUser } from '../src/auth/users';
import { prepareDatabase } from '../src/db/prepare';
import { openPostgres } from '../src/db/postgres';
import { option, parseArgs } from '../src/cli/args';
import { CSV_HEADER, csvChunks, csvLine } from '../test/csv';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARGS = parseArgs(process.argv.slice(2));
const ROWS = Number(option(ARGS, 'rows') ?? 1_000_000);
/** Full downloads to time: the median of several is steadier on a shared machine than one. */
const DOWNLOADS = Math.max(1, Number(option(ARGS, 'downloads') ?? 3));
const BASE_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE_URL) {
  console.error('bench: set DATABASE_URL (or run: npm run bench:server:directory)');
  process.exit(2);
}
// BENCH_PORT: another free port when two benches share the machine.
const PORT = Number(process.env.BENCH_PORT ?? 38_790);

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function upload(token: string, body: Readable): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method: 'POST',
        path: '/admin/directory/import?mode=upsert',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/csv',
          'transfer-encoding': 'chunked',
        },
      },
      (response) => {
        let text = '';
        response.on('data', (d) => (text += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    body.pipe(request);
  });
}

async function download(
  token: string,
  since: number,
): Promise<{ lines: number; bytes: number; seconds: number; cursor: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}/directory?since=${since}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  let lines = 0;
  let bytes = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    const text = tail + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    tail = parts.pop() ?? '';
    lines += parts.length;
    if (parts.length > 0) {
      const last = parts[parts.length - 1]!;
      if (last.startsWith('{"type":"end"'))
        return {
          lines,
          bytes,
          seconds: (performance.now() - started) / 1000,
          cursor: JSON.parse(last).cursor,
        };
    }
  }
  throw new Error('stream ended without its end line');
}

async function main(): Promise<void> {
  const name = `bench_dir_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  await prepareDatabase(db);
  await createUser(db, { username: 'admin', password: 'bench-password', role: 'admin' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(PORT),
      MAIL_WORKER: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) break;
      } catch {
        if (i > 200) throw new Error('server did not start');
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    const login = await fetch(`http://127.0.0.1:${PORT}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const baseRss = peakRssMb(child.pid!);

    let started = performance.now();
    const imported = await upload(token, Readable.from(csvChunks(0, ROWS, 5000)));
    const importSeconds = (performance.now() - started) / 1000;
    if (imported.status !== 200) throw new Error(`import ${imported.status}: ${imported.text}`);
    const summary = JSON.parse(imported.text) as { imported: number; cursor: number };
    const importRss = peakRssMb(child.pid!);

    const snapshots = [];
    for (let i = 0; i < DOWNLOADS; i += 1) snapshots.push(await download(token, 0));
    const snapshot = [...snapshots].sort((a, b) => a.seconds - b.seconds)[Math.floor(DOWNLOADS / 2)]!;
    const snapshotRss = peakRssMb(child.pid!);

    const changed = Array.from({ length: 10_000 }, (_x, i) =>
      csvLine(i * Math.floor(ROWS / 10_000), ' (cambio)'),
    ).join('\n');
    started = performance.now();
    await upload(token, Readable.from([`${CSV_HEADER}\n${changed}\n`]));
    const deltaImportSeconds = (performance.now() - started) / 1000;
    const delta = await download(token, snapshot.cursor);

    console.log(`\nDirectory, ${ROWS.toLocaleString('en')} customers, PostgreSQL, one server process`);
    console.log(
      `import (CSV streamed over HTTP): ${importSeconds.toFixed(1)} s, ${(summary.imported / importSeconds).toFixed(0)} rows/s`,
    );
    console.log(
      `full snapshot (NDJSON): ${snapshot.seconds.toFixed(1)} s (median of ${DOWNLOADS}: ${snapshots.map((s) => s.seconds.toFixed(1)).join(', ')}), ${(snapshot.lines - 2).toLocaleString('en')} customers, ${(snapshot.bytes / 1e6).toFixed(0)} MB, ${(snapshot.lines / snapshot.seconds).toFixed(0)} lines/s`,
    );
    console.log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    console.log(
      `10 000-row change: import ${deltaImportSeconds.toFixed(2)} s, delta download ${delta.seconds.toFixed(2)} s (${delta.lines - 2} lines)`,
    );
    console.log(
      `server peak RSS: ${baseRss.toFixed(0)} MB at start, ${importRss.toFixed(0)} MB after import, ${snapshotRss.toFixed(0)} MB after snapshot`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
