// Bundled as text: file:// pages (Electron) cannot fetch() a file.
import sampleDirectoryCsv from '../../assets/sample-directory.csv?raw';
import sampleTickets from '../../assets/sample-tickets.json';
import type { TicketSummary } from '../../shared/tickets/ticketHistory';
import type { CompanionDb } from '../db/db';
import type { LocalDirectory } from '../features/directory';

const SEEDED_KEY = 'sampleSeeded';

/**
 * Demo data: on a workstation that never had a directory, load the shipped sample so the app is
 * usable at once. Never runs again once any directory was loaded.
 */
export async function seedSampleIfEmpty(db: CompanionDb, directory: LocalDirectory): Promise<boolean> {
  if (await db.meta.get(SEEDED_KEY)) return false;
  const info = await directory.info();
  if (info.count > 0 || info.cursor !== null) return false;
  // Checked again under the write lock: a download that started meanwhile wins over the sample.
  if (!(await directory.client.seedIfEmpty(new Blob([sampleDirectoryCsv], { type: 'text/csv' }))))
    return false;
  await db.tickets.bulkPut(sampleTickets as TicketSummary[]);
  await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
  return true;
}
