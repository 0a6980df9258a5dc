import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { prepareDatabase } from '../src/db/prepare';
import { openPglite } from '../src/db/pglite';
import { openPostgres } from '../src/db/postgres';
import type { Db } from '../src/db/types';

/**
 * The backends every database test runs on: PGlite always, and the real PostgreSQL that
 * server/test/with-postgres.sh starts (TEST_DATABASE_URL). Each `open()` is a fresh, migrated
 * database, so test files never see each other's rows.
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Db>;
}

export const PG_URL = process.env.TEST_DATABASE_URL ?? null;

/** A new empty database on the test PostgreSQL; its URL and a drop function. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set (run through server/test/with-postgres.sh)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const db = await openPglite(null);
    await prepareDatabase(db);
    return db;
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const { url, drop } = await createPgDatabase();
    const db = openPostgres(url);
    await prepareDatabase(db);
    return {
      ...db,
      async close() {
        await db.close();
        await drop();
      },
    };
  },
};

export const BACKENDS: Backend[] = PG_URL ? [pglite, postgres] : [pglite];

/**
 * `describe` once per backend. Without TEST_DATABASE_URL the PostgreSQL run shows as skipped with
 * the reason, instead of silently disappearing.
 */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  for (const backend of BACKENDS) describe(`${title} [${backend.name}]`, () => body(backend));
  if (PG_URL) return;
  // Skipped on purpose, with the reason in its title: `npm run test:server` sets TEST_DATABASE_URL.
  describe.skip(`${title} [postgres: TEST_DATABASE_URL not set, run npm run test:server]`, () =>
    it('needs PostgreSQL'));
}
