import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../config';
import { lockDataDir } from './lock';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

/** DATABASE_URL → PostgreSQL; none → PGlite in <dataDir>/pglite, held by this process alone. */
export async function openDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(path.join(config.dataDir, 'pglite.lock'));
  try {
    const db = await openPglite(path.join(config.dataDir, 'pglite'));
    return {
      ...db,
      async close() {
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
