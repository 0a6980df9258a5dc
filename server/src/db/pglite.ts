import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './types';

// Same as the pg driver: bigint as a JS number.
const parsers = { [pgliteTypes.INT8]: (value: string) => Number(value) };

function wrap(client: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const result = await client.query<T>(sql, params, { parsers });
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.exec(sql);
    },
  };
}

/** Embedded PostgreSQL (WASM). `dataDir` null keeps it in memory (tests). One connection: queries queue. */
export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onNotify) {
      const unlisten = await db.listen(channel, (payload) => onNotify(payload));
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    async close() {
      await db.close();
    },
  };
}
