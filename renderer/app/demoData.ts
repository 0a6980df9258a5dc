import type { TicketSummary } from '../../shared/tickets/ticketHistory';
import type { CompanionDb } from '../db/db';
import type { LocalDirectory } from '../features/directory';

const SEEDED_KEY = 'sampleSeeded';
/** The ids of the sample tickets loaded with the sample directory (removed with it). */
const SAMPLE_TICKETS_KEY = 'sampleTicketIds';

export interface DemoSample {
  directoryCsv: string;
  tickets: TicketSummary[];
}

/**
 * Demo mode: on a workstation that never had a directory, load the shipped sample and its tickets
 * so the desk is usable at once. Never runs again once any directory was loaded.
 */
export async function seedDemoData(
  db: CompanionDb,
  directory: LocalDirectory,
  load: () => Promise<DemoSample>,
): Promise<boolean> {
  if (await db.meta.get(SEEDED_KEY)) return false;
  const info = await directory.info();
  if (info.count > 0 || info.cursor !== null) return false;
  const sample = await load();
  // Checked again under the write lock: a download that started meanwhile wins over the sample.
  if (!(await directory.client.seedIfEmpty(new Blob([sample.directoryCsv], { type: 'text/csv' }))))
    return false;
  await db.transaction('rw', db.tickets, db.meta, async () => {
    await db.tickets.bulkPut(sample.tickets);
    await db.meta.put({ key: SAMPLE_TICKETS_KEY, value: sample.tickets.map((t) => t.id) });
    await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
  });
  return true;
}

/**
 * Once a real directory replaced the sample (an import, the back office's download), the sample's
 * tickets go too: they name customers that are not this contact centre's.
 */
export async function forgetReplacedSample(db: CompanionDb, directory: LocalDirectory): Promise<void> {
  const ids = (await db.meta.get(SAMPLE_TICKETS_KEY))?.value;
  if (!Array.isArray(ids)) return;
  if ((await directory.info()).source === 'sample') return;
  await db.transaction('rw', db.tickets, db.meta, async () => {
    await db.tickets.bulkDelete(ids as string[]);
    await db.meta.delete(SAMPLE_TICKETS_KEY);
  });
}
