/**
 * `npm run bench:board`: a year of synthetic contact-centre data (5 M calls, 2 M forms, 500 k
 * tickets, 300 agents in 20 teams) in a throw-away PostgreSQL, then every board widget and some
 * drill-downs through the real routes (in-process HTTP), each scenario many times: prints p50,
 * p95 and max per widget and scenario, the load time and the size of every table and roll-up.
 *
 * Options: --scale F (fraction of the full year's volumes, default 1), --runs N (per scenario,
 * default 30), --db NAME (reuse a database generated before with --keep; skips generation),
 * --keep (do not drop the database at the end), --phases calls,forms,… (with --db: generate only
 * these into it, e.g. to finish a generation that stopped part-way).
 * Needs DATABASE_URL or TEST_DATABASE_URL (the npm script starts a PostgreSQL for it).
 */
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chileanCalendar } from '../../shared/calendar/chile';
import { buildApp } from '../src/app';
import { createUser, setPassword } from '../src/auth/users';
import { option, parseArgs } from '../src/cli/args';
import { loadConfig } from '../src/config';
import { migrate } from '../src/db/migrate';
import { openPostgres } from '../src/db/postgres';
import { ensureBusinessDays } from '../src/board/calendar';
import { FULL_YEAR, PHASES, type Phase, generateBoardData, scaled } from './boardData';

const args = parseArgs(process.argv.slice(2));
const SCALE = Number(option(args, 'scale') ?? 1);
const RUNS = Number(option(args, 'runs') ?? 30);
const REUSE = option(args, 'db');
const KEEP = args.options.has('keep') || REUSE !== undefined;
// With --db: generate only these phases into that database (to finish a generation that stopped).
const PHASES_ARG = option(args, 'phases');
const BASE_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE_URL) {
  console.error('bench:board: set DATABASE_URL (or run: npm run bench:board)');
  process.exit(2);
}

const PASSWORD = 'bench-board-password';

function parsePhases(list: string): Set<Phase> {
  const phases = list.split(',').filter((name) => name !== '');
  for (const name of phases)
    if (!(PHASES as readonly string[]).includes(name)) {
      console.error(`bench:board: unknown phase «${name}» (phases: ${PHASES.join(', ')})`);
      process.exit(2);
    }
  return new Set(phases as Phase[]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const name = REUSE ?? `board_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  if (!REUSE) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  const size = scaled(FULL_YEAR, SCALE);
  try {
    const phases = REUSE ? parsePhases(PHASES_ARG ?? '') : new Set(PHASES);
    // A kept database gets the migrations added since it was generated (roll-ups are backfilled).
    const migrated = await migrate(db);
    if (REUSE && migrated.length > 0) {
      await db.exec('VACUUM ANALYZE');
      console.log(`applied ${migrated.join(', ')} to ${name}`);
    }
    if (phases.size > 0) {
      await ensureBusinessDays(db, chileanCalendar());
      console.log(
        `generating: ${size.calls} calls, ${size.forms} forms, ${size.tickets} tickets, ${size.refusals} refused forms, ${size.cases} cases, ` +
          `${size.agents} agents in ${size.teams} teams over ${size.days} days (load ${load()})`,
      );
      const started = performance.now();
      let last = started;
      await generateBoardData(
        db,
        size,
        (what) => {
          const t = performance.now();
          if (t - last > 15_000) {
            console.log(`  … ${what} (${((t - started) / 1000).toFixed(0)} s)`);
            last = t;
          }
        },
        phases,
      );
      const generated = performance.now();
      await db.exec('VACUUM ANALYZE');
      console.log(
        `generated in ${((generated - started) / 1000).toFixed(0)} s through the roll-up triggers, ` +
          `VACUUM ANALYZE ${((performance.now() - generated) / 1000).toFixed(0)} s`,
      );
    }

    await printSizes(db);

    const config = {
      ...loadConfig({}),
      databaseUrl: url.toString(),
      seedDemo: false,
      mailWorker: false,
      rateLimitMax: 1e9,
    };
    const app = await buildApp({ db, config, logger: false });
    const users = await db.query<{ username: string }>('SELECT username FROM users WHERE username = $1', [
      'bench-admin',
    ]);
    if (users.rows.length === 0)
      await createUser(db, { username: 'bench-admin', password: PASSWORD, role: 'admin' });
    await setPassword(db, 'sup001', PASSWORD);
    const token = async (username: string) =>
      (
        await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: PASSWORD } })
      ).json().token as string;
    const adminToken = await token('bench-admin');
    const supervisorToken = await token('sup001');

    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
    const year = `from=${yearAgo}&to=${today}`;
    const scenarios: Array<{ name: string; query: string; token: string }> = [
      { name: 'last 30 days, whole centre', query: '', token: adminToken },
      { name: '12 months, whole centre', query: year, token: adminToken },
      { name: '12 months, one team (supervisor)', query: year, token: supervisorToken },
      { name: '12 months, one agent', query: `${year}&agent=agente007`, token: adminToken },
      { name: '12 months, block Z1', query: `${year}&block=Z1`, token: adminToken },
      { name: '12 months, block ZB, one team', query: `${year}&block=ZB&team=sup003`, token: adminToken },
      {
        name: '12 months, one form type / ticket type',
        query: `${year}&formType=inactivo&ticketType=1`,
        token: adminToken,
      },
    ];
    const widgets = ['calls', 'forms', 'tickets', 'agents', 'cases', 'indicator'];
    console.log(
      `\nwidget queries through GET /board/widgets/* (${RUNS} runs each after 2 warm-ups; load ${load()})`,
    );
    console.log('widget   scenario                                   p50 ms   p95 ms   max ms');
    const allP95: number[] = [];
    for (const scenario of scenarios) {
      for (const widget of widgets) {
        const times: number[] = [];
        for (let i = 0; i < RUNS + 2; i += 1) {
          const t = performance.now();
          const response = await app.inject({
            method: 'GET',
            url: `/board/widgets/${widget}?${scenario.query}`,
            headers: { authorization: `Bearer ${scenario.token}` },
          });
          const elapsed = performance.now() - t;
          if (response.statusCode !== 200)
            throw new Error(`${widget} ${scenario.name}: ${response.statusCode} ${response.body}`);
          if (i >= 2) times.push(elapsed);
        }
        times.sort((a, b) => a - b);
        allP95.push(percentile(times, 95));
        console.log(
          `${widget.padEnd(8)} ${scenario.name.padEnd(42)} ${percentile(times, 50).toFixed(1).padStart(6)} ${percentile(
            times,
            95,
          )
            .toFixed(1)
            .padStart(8)} ${times[times.length - 1]!.toFixed(1).padStart(8)}`,
        );
      }
    }
    console.log(`worst widget p95: ${Math.max(...allP95).toFixed(1)} ms (goal ≤ 300 ms)`);

    const drills: Array<{ name: string; url: string }> = [
      { name: 'calls of block Z5, 12 months', url: `/board/rows/calls?${year}&cellBlock=Z5` },
      {
        name: 'missed calls of one agent, 12 months',
        url: `/board/rows/calls?${year}&cellAgent=agente007&measure=missed`,
      },
      {
        name: 'forms rechazado of one day',
        url: `/board/rows/forms?day=${today}&from=${today}&to=${today}&status=rechazado`,
      },
      { name: 'overdue tickets, 12 months', url: `/board/rows/tickets?${year}&measure=overdue` },
    ];
    console.log('\ndrill-down, first page of 200 rows');
    for (const drill of drills) {
      const times: number[] = [];
      for (let i = 0; i < Math.max(5, Math.floor(RUNS / 3)) + 1; i += 1) {
        const t = performance.now();
        const response = await app.inject({
          method: 'GET',
          url: drill.url,
          headers: { authorization: `Bearer ${adminToken}` },
        });
        if (response.statusCode !== 200)
          throw new Error(`${drill.name}: ${response.statusCode} ${response.body}`);
        if (i > 0) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${drill.name.padEnd(42)} p50 ${percentile(times, 50).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
      );
    }
    console.log(`\nload average at the end: ${load()} (2 cores, shared with other work)`);
    await app.close();
  } finally {
    await db.close();
    if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`kept database ${name} (reuse with --db ${name})`);
    await admin.end();
  }
}

async function printSizes(db: ReturnType<typeof openPostgres>): Promise<void> {
  const tables = [
    'calls',
    'forms',
    'form_refusals',
    'tickets',
    'cases',
    'board_agent_day',
    'board_calls',
    'board_forms',
    'board_tickets',
  ];
  console.log('\ntable               rows         total size (with indexes)');
  for (const table of tables) {
    const { rows } = await db.query<{ n: number; size: string }>(
      `SELECT (SELECT count(*) FROM ${table})::bigint AS n, pg_size_pretty(pg_total_relation_size('${table}')) AS size`,
    );
    console.log(`${table.padEnd(19)} ${String(rows[0]!.n).padStart(10)}   ${rows[0]!.size}`);
  }
  const { rows } = await db.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  console.log(`database total                   ${rows[0]!.size}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
