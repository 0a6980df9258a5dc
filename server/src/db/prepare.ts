import { syncTicketTypes } from '../tickets/types';
import { migrate } from './migrate';
import type { Db } from './types';

/**
 * What every process does with its database before serving: pending migrations, then the data
 * derived from shared/ (ticket types from the typology). Returns the migrations applied.
 */
export async function prepareDatabase(db: Db): Promise<string[]> {
  const applied = await migrate(db);
  await syncTicketTypes(db);
  return applied;
}
