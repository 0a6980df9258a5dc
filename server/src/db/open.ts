import path from 'node:path';
import type { ServerConfig } from '../config';
import { DataDirError, checkDataDir, secureDataDir } from './dataDir';
import { lockDataDir } from './lock';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

/**
 * DATABASE_URL → PostgreSQL; none → PGlite in <dataDir>/pglite, held by this process alone, in a
 * folder only this account can read. A folder that looks damaged is refused, never re-created.
 */
export async function openDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const cluster = checkDataDir(config.dataDir);
  secureDataDir(config.dataDir);
  const unlock = lockDataDir(path.join(config.dataDir, 'pglite.lock'));
  try {
    let db: Db;
    try {
      db = await openPglite(cluster);
    } catch (error) {
      throw new DataDirError(
        `PGlite no pudo abrir la base embebida en ${cluster} (${error instanceof Error ? error.message : String(error)}). ` +
          'Restaure la carpeta desde su respaldo; no la borre sin respaldo.',
      );
    }
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
