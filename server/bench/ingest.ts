/**
 * `npm run bench:server`: form intake rate and latency against PostgreSQL, batches of 1 and of
 * 100 forms from several concurrent clients, over loopback only. Bounded: each scenario stops at
 * a form count or a time limit, whichever comes first.
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL (the npm script wraps it in with-postgres.sh).
 * Options: --servers N (processes behind a round-robin "load balancer", default 1),
 *          --seconds S (per scenario, default 10), --clients C (override both scenarios),
 *          --node-args "…" (flags for the server processes, e.g. a CPU profile),
 *          --stall-ms MS (SMTP stall per command in the /healthz figure, default 14000),
 *          --stall-seconds S (probing time per database, default 20), --only-stall.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createUser } from '../src/auth/users';
import { prepareDatabase } from '../src/db/prepare';
import { openPostgres } from '../src/db/postgres';
import { parseArgs, option } from '../src/cli/args';
import { percentile, waitHealthy } from './support';
import { measureHealthzWhileSmtpStalls, printStallResults } from './smtpStall';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const SERVERS = Number(option(args, 'servers') ?? 1);
const SECONDS = Number(option(args, 'seconds') ?? 10);
const CLIENTS = option(args, 'clients');
/** Extra node flags for the server processes, e.g. --node-args "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const NODE_ARGS = (option(args, 'node-args') ?? '').split(' ').filter(Boolean);
const STALL_MS = Number(option(args, 'stall-ms') ?? 14_000);
const STALL_SECONDS = Number(option(args, 'stall-seconds') ?? 20);
const ONLY_STALL = args.options.has('only-stall');
const BASE_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE_URL) {
  console.error('bench: set DATABASE_URL (or run: npm run bench:server)');
  process.exit(2);
}

const FORM_KINDS = [
  {
    formId: 'telecobranzas',
    blockCodes: ['Z1'],
    values: {
      contactName: 'María González',
      rut: '12.345.678-5',
      contactPhone: '+56 9 1234 5678',
      contactEmail: 'maria@correo.cl',
    },
  },
  {
    formId: 'certificacion',
    blockCodes: ['Z0'],
    values: { contactName: 'Pedro Soto', rut: '12345678-5', contactPhone: '912345678' },
  },
  {
    formId: 'inactivo',
    blockCodes: ['ZB'],
    values: {
      contactName: 'Ana Díaz',
      rut: '12345678-5',
      contactPhone: '912345678',
      altPhone: '226939901',
      addressReference: 'Casa azul',
    },
  },
  {
    formId: 'sinConsumo',
    blockCodes: ['Z9'],
    values: {
      contactName: 'Luis Rojas',
      rut: '12345678-5',
      contactPhone: '912345678',
      addressReference: 'Frente a la plaza',
    },
  },
];

function makeForm(agent: string, i: number) {
  const kind = FORM_KINDS[i % FORM_KINDS.length]!;
  return {
    id: randomUUID(),
    customerCode: String(100000 + (i % 50000)),
    customerName: `Cliente ${i}`,
    agent,
    createdAt: new Date().toISOString(),
    ...kind,
  };
}

function post(
  agent: http.Agent,
  port: number,
  token: string,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/forms/batch',
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (d) => (text += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface Scenario {
  batch: number;
  clients: number;
  maxForms: number;
}

async function run(scenario: Scenario, ports: number[], tokens: string[], agents: string[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: scenario.clients * 2 });
  const latencies: number[] = [];
  let forms = 0;
  let accepted = 0;
  let errors = 0;
  let counter = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: scenario.clients }, async (_x, c) => {
      const port = ports[c % ports.length]!;
      const token = tokens[c % tokens.length]!;
      const who = agents[c % agents.length]!;
      while (performance.now() < deadline && forms < scenario.maxForms) {
        const batch = Array.from({ length: scenario.batch }, () => makeForm(who, counter++));
        const body = JSON.stringify({ forms: batch });
        const t0 = performance.now();
        const response = await post(agent, port, token, body);
        latencies.push(performance.now() - t0);
        forms += scenario.batch;
        if (response.status === 200) accepted += (JSON.parse(response.body) as { accepted: number }).accepted;
        else errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ...scenario,
    requests: latencies.length,
    forms,
    accepted,
    errors,
    seconds,
    rate: accepted / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

/** The /healthz figure: embedded database, then a fresh PostgreSQL database. */
async function stallFigure(): Promise<void> {
  const name = `bench_stall_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  try {
    const results = [];
    for (const databaseUrl of [null, url.toString()]) {
      results.push(
        await measureHealthzWhileSmtpStalls({
          databaseUrl,
          stallMs: STALL_MS,
          seconds: STALL_SECONDS,
          clients: 4,
          port: 38_690,
        }),
      );
    }
    printStallResults(results, STALL_MS);
    if (results.some((r) => r.failed > 0)) process.exitCode = 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  if (!ONLY_STALL) await ingestFigures();
  await stallFigure();
}

async function ingestFigures(): Promise<void> {
  // A fresh database for the run, dropped at the end.
  const name = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  const children: ChildProcess[] = [];
  try {
    await prepareDatabase(db);
    const agents = Array.from({ length: 8 }, (_x, i) => `agente${i}`);
    await createUser(db, {
      username: 'sup',
      password: 'bench-password',
      role: 'supervisor',
      email: 'sup@bench.cl',
    });
    for (const username of agents)
      await createUser(db, { username, password: 'bench-password', role: 'agent', supervisor: 'sup' });

    const ports = Array.from({ length: SERVERS }, (_x, i) => 38_700 + i);
    for (const port of ports) {
      const child = spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', 'server/src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          PORT: String(port),
          MAIL_WORKER: '0',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_MAX: '100000000',
          RATE_LIMIT_IP_MAX: '100000000',
          SEED_DEMO: '0',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
    }
    await Promise.all(ports.map(waitHealthy));
    const tokens: string[] = [];
    for (const username of agents) {
      const response = await fetch(`http://127.0.0.1:${ports[0]}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'bench-password' }),
      });
      tokens.push(((await response.json()) as { token: string }).token);
    }

    const clientCount = CLIENTS ? Number(CLIENTS) : undefined;
    // Warm-up: JIT, connection pools, PostgreSQL caches.
    await run({ batch: 10, clients: 4, maxForms: 3000 }, ports, tokens, agents);
    const results = [];
    for (const scenario of [
      { batch: 1, clients: clientCount ?? 16, maxForms: 60_000 },
      { batch: 100, clients: clientCount ?? 8, maxForms: 200_000 },
    ]) {
      results.push(await run(scenario, ports, tokens, agents));
    }
    const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM forms')).rows[0]!.n;
    const outbox = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox')).rows[0]!.n;

    const settings = (
      await db.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`,
      )
    ).rows;
    console.log(
      `\nForm intake, ${SERVERS} server process(es), PostgreSQL ${settings.map((s) => `${s.name}=${s.setting}`).join(' ')}, ${SECONDS}s per scenario`,
    );
    console.log('batch  clients  requests   forms/s   p50 ms   p99 ms   max ms  errors');
    for (const r of results) {
      console.log(
        `${String(r.batch).padStart(5)}  ${String(r.clients).padStart(7)}  ${String(r.requests).padStart(8)}  ${r.rate.toFixed(0).padStart(8)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}  ${String(r.errors).padStart(6)}`,
      );
    }
    console.log(`stored forms: ${stored} (each with its mail queued: ${outbox} outbox rows)`);
    const ok = results.every((r) => r.errors === 0);
    if (!ok) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve))),
      ),
    );
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
