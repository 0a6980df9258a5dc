/**
 * Part of `npm run bench:server`: the case engine against PostgreSQL, over loopback HTTP, with a
 * year of cases already stored (200 000 by default, ~25 % open).
 * - transitions/s: concurrent back-office users taking step actions on their own cases (each a
 *   validated transition + history event, some with a queued mail), each at its case's version;
 * - case list: GET /cases as the screens ask for it (urgent first, a role's queue, overdue,
 *   a procedure, closed, page 2), p50/p95 per query and over all.
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL. Options: --cases N, --seconds S, --clients C, --node-args.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createUser } from '../src/auth/users';
import { syncProcedureCatalog } from '../src/cases/catalog';
import { setCaseRoles } from '../src/cases/roles';
import { option, parseArgs } from '../src/cli/args';
import { migrate } from '../src/db/migrate';
import { openPostgres } from '../src/db/postgres';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const CASES = Number(option(args, 'cases') ?? 200_000);
const SECONDS = Number(option(args, 'seconds') ?? 10);
const CLIENTS = Number(option(args, 'clients') ?? 16);
/** Extra node flags for the server process, e.g. --node-args "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const NODE_ARGS = (option(args, 'node-args') ?? '').split(' ').filter(Boolean);
const BASE_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE_URL) {
  console.error('bench: set DATABASE_URL (or run: npm run bench:server)');
  process.exit(2);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function request(
  agent: http.Agent,
  port: number,
  token: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (d) => (text += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A year of cases in bulk SQL: ZB and anulación, open ones spread over their steps and due times. */
async function seedCases(db: ReturnType<typeof openPostgres>, total: number): Promise<void> {
  await db.query(
    `INSERT INTO cases (procedure, subject, customer_code, customer_name, opening, step, end_state, data, facts, version,
                        opened_at, step_entered_at, due_at, closed_at, updated_at, form_count)
     SELECT CASE WHEN g % 3 = 0 THEN 'anulacion' ELSE 'zb' END,
            CASE WHEN g % 3 = 0 THEN 'SOL-' || g ELSE (100000 + g)::text END,
            (100000 + g)::text, 'Cliente ' || g,
            CASE WHEN g % 3 = 0 THEN 'detectada_gestion_red' ELSE 'formulario_zb' END,
            CASE WHEN g % 4 = 0 THEN
              CASE WHEN g % 3 = 0 THEN (ARRAY['reportar_si','corregir_solicitud','verificar_tablero','analizar_observacion','zonificacion'])[1 + (g / 4) % 5]
                   ELSE (ARRAY['verificar_aviso','coordinar_visita','monitorear_aviso','desbloqueo_mesa'])[1 + (g / 4) % 4] END
            END,
            CASE WHEN g % 4 <> 0 THEN
              CASE WHEN g % 3 = 0 THEN (ARRAY['no_anulada','no_anulada','no_anulada','anulada','zonificada'])[1 + g % 5]
                   ELSE (ARRAY['desbloqueado','no_apto','sin_gestion'])[1 + g % 3] END
            END,
            jsonb_build_object('customerCode', (100000 + g)::text, 'contactPhone', '912345678'),
            jsonb_build_object('regional', g % 2 = 0),
            1 + g % 4,
            now() - make_interval(days => g % 365), now() - make_interval(hours => g % 200),
            CASE WHEN g % 4 = 0 THEN now() + make_interval(hours => (g % 400) - 100) END,
            CASE WHEN g % 4 <> 0 THEN now() - make_interval(days => g % 360) END,
            now(), 1
       FROM generate_series(1, $1) g`,
    [total],
  );
  // One history row per case, as a real year would have at least.
  await db.query(
    `INSERT INTO case_events (case_id, kind, action, to_step, at, version)
     SELECT id, 'opened', opening, step, opened_at, 1 FROM cases`,
  );
  await db.exec('ANALYZE');
}

async function main(): Promise<void> {
  const name = `bench_cases_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  const children: ChildProcess[] = [];
  try {
    await migrate(db);
    await syncProcedureCatalog(db);
    const seedStart = performance.now();
    await seedCases(db, CASES);
    const seeded = (
      await db.query<{ open: number; all: number }>(
        `SELECT count(*) FILTER (WHERE closed_at IS NULL)::int AS open, count(*)::int AS all FROM cases`,
      )
    ).rows[0]!;
    const users = Array.from({ length: CLIENTS }, (_x, i) => `rrss${i}`);
    for (const username of users) {
      await createUser(db, { username, password: 'bench-password', role: 'backoffice' });
      await setCaseRoles(db, username, ['supervisor_rrss', 'gestion_red']);
    }
    // The cases the transition clients work on: fresh ZB cases, one set per client, at step 1.
    await db.query(
      `INSERT INTO cases (procedure, subject, customer_code, customer_name, opening, step, data, facts, opened_at,
                          step_entered_at, due_at, updated_at)
       SELECT 'zb', 'BENCH-' || g, 'BENCH-' || g, 'Bench ' || g, 'formulario_zb', 'verificar_aviso',
              jsonb_build_object('customerCode', 'BENCH-' || g, 'contactPhone', '912345678', 'altPhone', '226939901',
                                 'addressReference', 'Casa azul'),
              jsonb_build_object('regional', g % 2 = 0), now(), now(), now() + interval '1 day', now()
         FROM generate_series(1, $1) g`,
      [CLIENTS * 50],
    );
    const benchCases = (
      await db.query<{ id: number }>(`SELECT id FROM cases WHERE subject LIKE 'BENCH-%' ORDER BY id`)
    ).rows.map((r) => r.id);
    console.log(
      `\nCases: ${seeded.all.toLocaleString('en')} stored (${seeded.open.toLocaleString('en')} open) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const port = 38_800;
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
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        if (i > 400) throw new Error('server did not start');
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    const tokens: string[] = [];
    for (const username of users) {
      const response = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'bench-password' }),
      });
      tokens.push(((await response.json()) as { token: string }).token);
    }
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });

    // Transitions: each client walks its own cases through step 1 → 2 → monitoring updates.
    const visit = {
      visitDate: '2099-12-31',
      placeReference: 'Portón verde',
      phone1: '912345678',
      phone2: '226939901',
      avisoNumber: 'EME-1',
    };
    // Each client works its own 50 cases and keeps their versions across runs.
    const owned = tokens.map((_t, c) =>
      benchCases.slice(c * 50, c * 50 + 50).map((id) => ({ id, version: 1, step: 'verificar_aviso', n: 0 })),
    );
    const transition = async (seconds: number) => {
      const latencies: number[] = [];
      let done = 0;
      let mails = 0;
      let errors = 0;
      const deadline = performance.now() + seconds * 1000;
      const started = performance.now();
      await Promise.all(
        tokens.map(async (token, c) => {
          const mine = owned[c]!;
          let i = 0;
          while (performance.now() < deadline) {
            const item = mine[i++ % mine.length]!;
            const [action, data]: [string, Record<string, string>] =
              item.step === 'verificar_aviso'
                ? ['sin_aviso', {}]
                : item.step === 'coordinar_visita'
                  ? ['visita_coordinada', visit]
                  : item.n % 5 === 4
                    ? ['consultar_cc_emergencia', { question: 'Estado del aviso' }]
                    : ['actualizacion', { updateNote: `Actualización ${item.n}` }];
            const t0 = performance.now();
            const response = await request(agent, port, token, 'POST', `/cases/${item.id}/events`, {
              type: 'transition',
              clientId: randomUUID(),
              expectedVersion: item.version,
              action,
              data,
            });
            latencies.push(performance.now() - t0);
            if (response.status !== 201) {
              errors += 1;
              if (errors <= 3) console.error(`transition ${response.status}: ${response.body.slice(0, 200)}`);
              continue;
            }
            const detail = (JSON.parse(response.body) as { case: { version: number; step: string } }).case;
            item.version = detail.version;
            item.step = detail.step;
            item.n += 1;
            done += 1;
            if (action === 'consultar_cc_emergencia' || (action === 'visita_coordinada' && item.id % 2 === 0))
              mails += 1;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        done,
        mails,
        errors,
        rate: done / elapsed,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      };
    };
    await transition(2); // warm-up: JIT, pools, caches
    const t = await transition(SECONDS);
    const outbox = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE case_id IS NOT NULL`)
    ).rows[0]!.n;

    // The case list, as the screens ask for it.
    const queries = [
      ['open, most urgent first', '/cases'],
      ["a role's queue", '/cases?queue=true'],
      ['overdue', '/cases?overdue=true'],
      ['one procedure', '/cases?procedure=anulacion'],
      ['a step', '/cases?procedure=zb&step=monitorear_aviso'],
      ['closed, newest first', '/cases?status=closed'],
      ['by customer', '/cases?status=closed&search=100123'],
    ] as const;
    const first = JSON.parse((await request(agent, port, tokens[0]!, 'GET', '/cases')).body) as {
      nextCursor: string;
    };
    const all: ReadonlyArray<readonly [string, string]> = [
      ...queries,
      ['page 2 (cursor)', `/cases?cursor=${first.nextCursor}`],
    ];
    const perQuery: Array<{ label: string; p50: number; p95: number }> = [];
    const everything: number[] = [];
    for (const [label, path_] of all) {
      const latencies: number[] = [];
      for (let i = 0; i < 60; i += 1) {
        const t0 = performance.now();
        const response = await request(agent, port, tokens[i % tokens.length]!, 'GET', path_);
        const ms = performance.now() - t0;
        if (response.status !== 200)
          throw new Error(`${path_}: ${response.status} ${response.body.slice(0, 200)}`);
        if (i >= 5) latencies.push(ms);
      }
      latencies.sort((a, b) => a - b);
      everything.push(...latencies);
      perQuery.push({ label, p50: percentile(latencies, 50), p95: percentile(latencies, 95) });
    }
    everything.sort((a, b) => a - b);
    agent.destroy();

    console.log(
      `Case transitions, ${CLIENTS} back-office users at once, ${SECONDS} s (PostgreSQL, one server process):`,
    );
    console.log(
      `  ${t.rate.toFixed(0)} transitions/s (goal ≥ 500)  p50 ${t.p50.toFixed(1)} ms  p99 ${t.p99.toFixed(1)} ms  ${t.done} done, ${t.errors} errors, ${outbox} case mails queued`,
    );
    console.log(
      `Case list with ${seeded.all.toLocaleString('en')} cases (50 per page, with the open counts), 55 requests each:`,
    );
    for (const q of perQuery)
      console.log(
        `  ${q.label.padEnd(26)} p50 ${q.p50.toFixed(1).padStart(6)} ms  p95 ${q.p95.toFixed(1).padStart(6)} ms`,
      );
    console.log(`  all case-list requests      p95 ${percentile(everything, 95).toFixed(1)} ms (goal ≤ 100)`);
    console.log(
      `  load average: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (t.errors > 0) process.exitCode = 1;
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
