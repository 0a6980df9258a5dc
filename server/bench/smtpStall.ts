/**
 * `/healthz` latency while the SMTP server stalls every command: the mail worker is always in the
 * middle of an SMTP conversation, and nothing else may wait for it. Goal: p99 < 200 ms.
 *
 * Runs the real server (`server/src/main.ts`) as a child process on the embedded database (one
 * connection: where a held claim used to freeze everything) and, when given, on PostgreSQL. The
 * SMTP server answers each command (connect, MAIL FROM, RCPT TO, end of DATA) only after
 * `stallMs`, as a badly overloaded relay does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface StallResult {
  db: string;
  probes: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  smtpCommandsStalled: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function stallingSmtp(
  stallMs: number,
): Promise<{ server: SMTPServer; port: number; stalled: () => number }> {
  let stalled = 0;
  const later = (callback: () => void) => {
    stalled += 1;
    setTimeout(callback, stallMs).unref();
  };
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    socketTimeout: 10 * 60_000,
    onConnect: (_session, callback) => later(() => callback()),
    onMailFrom: (_address, _session, callback) => later(() => callback()),
    onRcptTo: (_address, _session, callback) => later(() => callback()),
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => later(() => callback()));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.server.address() as AddressInfo).port, stalled: () => stalled };
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not start`);
}

/** Queues `forms` forms (each with its mail) through the API, as the demo agent. */
async function queueForms(url: string, forms: number): Promise<void> {
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agente', password: 'companion-agente' }),
  });
  const { token } = (await login.json()) as { token: string };
  const batch = Array.from({ length: forms }, (_x, i) => ({
    id: crypto.randomUUID(),
    formId: 'certificacion',
    customerCode: String(100000 + i),
    customerName: `Cliente ${i}`,
    blockCodes: ['Z0'],
    agent: 'agente',
    createdAt: new Date().toISOString(),
    values: { contactName: 'Pedro Soto', rut: '12345678-5', contactPhone: '912345678' },
  }));
  const response = await fetch(`${url}/forms/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ forms: batch }),
  });
  if (response.status !== 200) throw new Error(`queueing forms: ${response.status} ${await response.text()}`);
}

export async function measureHealthzWhileSmtpStalls(options: {
  databaseUrl: string | null;
  stallMs: number;
  seconds: number;
  clients: number;
  port: number;
}): Promise<StallResult> {
  const smtp = await stallingSmtp(options.stallMs);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-bench-stall-'));
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl ?? '',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      SEED_DEMO: '1',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_POLL_MS: '100',
      RATE_LIMIT_MAX: '100000000',
      RATE_LIMIT_IP_MAX: '100000000',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitHealthy(url);
    await queueForms(url, 50);
    // Let the worker get into its first stalled conversation.
    const deadlineStart = Date.now() + 30_000;
    while (smtp.stalled() === 0 && Date.now() < deadlineStart) await new Promise((r) => setTimeout(r, 50));

    const latencies: number[] = [];
    let failed = 0;
    const end = performance.now() + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          try {
            const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(60_000) });
            await response.arrayBuffer();
            if (!response.ok) failed += 1;
          } catch {
            failed += 1;
          }
          latencies.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return {
      db: options.databaseUrl ? 'postgres' : 'pglite',
      probes: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      failed,
      smtpCommandsStalled: smtp.stalled(),
    };
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printStallResults(results: StallResult[], stallMs: number): void {
  console.log(
    `\n/healthz while the SMTP server answers each command after ${stallMs / 1000} s (mail worker on, 50 mails queued); goal p99 < 200 ms`,
  );
  console.log('db        probes   p50 ms   p99 ms   max ms  failed  SMTP commands stalled');
  for (const r of results) {
    console.log(
      `${r.db.padEnd(8)}  ${String(r.probes).padStart(6)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}  ${String(r.failed).padStart(6)}  ${String(r.smtpCommandsStalled).padStart(6)}`,
    );
  }
}
