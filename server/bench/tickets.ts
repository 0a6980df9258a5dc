/**
 * `npm run bench:server` (after the intake figures), or alone `npm run bench:server:tickets`: the
 * desk's ticket look-up for one customer (`GET /customers/:code/tickets`, every open ticket and the
 * recent closed ones) with 1 M customers and 5 M tickets on PostgreSQL. Prints p50/p99 of the SQL
 * alone and of the HTTP request through a server process. Goal: p99 ≤ 20 ms.
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL (the npm script wraps it in with-postgres.sh).
 * Options: --customers N (default 1000000), --tickets N (default 5000000), --lookups N (default 4000),
 *          --clients C (concurrent HTTP clients, default 4).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TICKET_LEAVES } from '../../shared/requirements/typology';
import { createUser } from '../src/auth/users';
import { option, parseArgs } from '../src/cli/args';
import { prepareDatabase } from '../src/db/prepare';
import { openPostgres } from '../src/db/postgres';
import { deskCustomerTickets } from '../src/tickets/repo';
import { percentile, waitHealthy } from './support';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const CUSTOMERS = Number(option(args, 'customers') ?? 1_000_000);
const TICKETS = Number(option(args, 'tickets') ?? 5_000_000);
const LOOKUPS = Number(option(args, 'lookups') ?? 4000);
const CLIENTS = Number(option(args, 'clients') ?? 4);
const PORT = 38_760;
const BASE_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE_URL) {
  console.error('bench: set DATABASE_URL (or run: npm run bench:server:tickets)');
  process.exit(2);
}

const code = (i: number) => String(200_000_000 + i);

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms  max ${(sorted.at(-1) ?? NaN).toFixed(2)} ms`;
}

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Customers, then tickets spread over them: one open each for a fifth, the rest closed over 3 years. */
async function load(db: ReturnType<typeof openPostgres>): Promise<void> {
  const types = (await db.query<{ id: number }>('SELECT id FROM ticket_typologies WHERE active ORDER BY id'))
    .rows;
  if (types.length !== TICKET_LEAVES.length) throw new Error('ticket types not synced');
  await timed(`${CUSTOMERS.toLocaleString('es-CL')} customers`, () =>
    db.query(
      `INSERT INTO customers (codigo, data, version, import_id)
       SELECT (200000000 + g)::text,
              jsonb_build_object('codigo', (200000000 + g)::text, 'nombre', 'Cliente ' || g, 'rut', '',
                'telefonos', '[]'::jsonb, 'bloqueos', '[]'::jsonb, 'comuna', 'Santiago', 'numero', g::text),
              g, 0
         FROM generate_series(0, $1 - 1) AS g`,
      [CUSTOMERS],
    ),
  );
  // Indexes after the load, as a bulk import would do (same definitions as migration 004).
  await db.exec('DROP INDEX tickets_one_open; DROP INDEX tickets_customer;');
  await timed(`${TICKETS.toLocaleString('es-CL')} tickets`, () =>
    db.query(
      `INSERT INTO tickets (customer_code, typology_id, status, due_date, created_at, closed_at, description, answer)
       SELECT (200000000 + (g % $1))::text,
              ($3::int[])[1 + ((g * 7) % $4::int)],
              CASE WHEN g / $1 = 0 AND g % 5 = 0 THEN 'abierto' ELSE 'cerrado' END,
              (now() - make_interval(days => (g % 1095)))::date + 7,
              now() - make_interval(days => (g % 1095), secs => (g % 86400)),
              CASE WHEN g / $1 = 0 AND g % 5 = 0 THEN NULL
                   ELSE now() - make_interval(days => greatest((g % 1095) - 5, 0)) END,
              'Ticket de prueba ' || g,
              CASE WHEN g / $1 = 0 AND g % 5 = 0 THEN NULL ELSE 'Respuesta de prueba' END
         FROM generate_series(0, $2 - 1) AS g`,
      [CUSTOMERS, TICKETS, types.map((t) => t.id), types.length],
    ),
  );
  await timed('indexes', () =>
    db.exec(`CREATE UNIQUE INDEX tickets_one_open ON tickets (customer_code, typology_id, coalesce(related_ticket_id, ''))
               WHERE status = 'abierto';
             CREATE INDEX tickets_customer ON tickets (customer_code, created_at DESC);`),
  );
  await timed('VACUUM ANALYZE', async () => {
    await db.query('VACUUM ANALYZE customers');
    await db.query('VACUUM ANALYZE tickets');
  });
}

let firstError: string | undefined;

async function httpRequests(
  token: string,
  pathFor: () => string,
  clients: number,
): Promise<{ latencies: number[]; errors: number; tickets: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  let tickets = 0;
  let next = 0;
  const one = (requestPath: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get(
        {
          host: '127.0.0.1',
          port: PORT,
          path: requestPath,
          agent,
          headers: { authorization: `Bearer ${token}` },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => {
            latencies.push(performance.now() - started);
            if (response.statusCode !== 200) {
              errors += 1;
              firstError ??= `${response.statusCode} ${body.slice(0, 200)}`;
            } else tickets += (JSON.parse(body) as { tickets?: unknown[] }).tickets?.length ?? 0;
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors += 1;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < LOOKUPS) {
        next += 1;
        await one(pathFor());
      }
    }),
  );
  agent.destroy();
  return { latencies, errors, tickets };
}

async function main(): Promise<void> {
  const name = `bench_tickets_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  let child: ChildProcess | null = null;
  try {
    await prepareDatabase(db);
    console.log(`\nTicket look-up for a customer: loading…`);
    await load(db);
    await createUser(db, { username: 'agente', password: 'bench-password', role: 'agent' });

    // The SQL alone, as the route runs it (warm-up first: JIT-free, but caches and plans).
    const since = new Date(Date.now() - 365 * 86_400_000);
    for (let i = 0; i < 500; i += 1)
      await deskCustomerTickets(db, code(Math.floor(Math.random() * CUSTOMERS)), since);
    const sqlLatencies: number[] = [];
    for (let i = 0; i < LOOKUPS; i += 1) {
      const started = performance.now();
      await deskCustomerTickets(db, code(Math.floor(Math.random() * CUSTOMERS)), since);
      sqlLatencies.push(performance.now() - started);
    }

    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(PORT),
        MAIL_WORKER: '0',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MAX: '100000000',
        RATE_LIMIT_IP_MAX: '100000000',
        SEED_DEMO: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitHealthy(PORT);
    const login = await fetch(`http://127.0.0.1:${PORT}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agente', password: 'bench-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const lookup = () => `/customers/${code(Math.floor(Math.random() * CUSTOMERS))}/tickets`;
    await httpRequests(token, lookup, CLIENTS); // warm-up
    // Baseline in the same run: the same server answering its cheapest request (timings on a
    // shared machine are noisy; the difference is what the look-up itself costs).
    const baseline = await httpRequests(token, () => '/healthz', 1);
    const single = await httpRequests(token, lookup, 1);
    const result = await httpRequests(token, lookup, CLIENTS);

    const counts = (
      await db.query<{ customers: number; tickets: number; open: number }>(
        `SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM tickets) AS tickets,
                (SELECT count(*)::int FROM tickets WHERE status = 'abierto') AS open`,
      )
    ).rows[0]!;
    console.log(
      `Ticket look-up, ${counts.customers.toLocaleString('es-CL')} customers, ${counts.tickets.toLocaleString('es-CL')} tickets (${counts.open.toLocaleString('es-CL')} open), ${LOOKUPS} random customers`,
    );
    console.log(`  SQL (deskCustomerTickets)             ${summary(sqlLatencies)}`);
    console.log(`  HTTP GET /healthz (baseline), 1 client ${summary(baseline.latencies)}`);
    console.log(
      `  HTTP GET /customers/:code/tickets, 1 client ${summary(single.latencies)}  (${(single.tickets / LOOKUPS).toFixed(1)} tickets/answer)`,
    );
    console.log(`  HTTP GET /customers/:code/tickets, ${CLIENTS} clients${summary(result.latencies)}`);
    const p99 = percentile(
      [...single.latencies].sort((a, b) => a - b),
      99,
    );
    console.log(`  goal p99 ≤ 20 ms (1 client): ${p99 <= 20 ? 'met' : 'NOT met'}`);
    const errors = baseline.errors + single.errors + result.errors;
    if (errors > 0) {
      console.log(`  ${errors} requests failed (first: ${firstError})`);
      process.exitCode = 1;
    }
  } finally {
    if (child) {
      const exited = new Promise((resolve) => child!.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
