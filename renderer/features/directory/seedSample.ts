// Bundled as text: file:// pages (Electron) cannot fetch() a file.
import sampleDirectoryCsv from '../../../assets/sample-directory.csv?raw';
import sampleTickets from '../../../assets/sample-tickets.json';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { db } from '../../db/db';
import { LAYOUT_VERSION } from './storage/layout';
import { directoryClient, directoryReader } from './directoryService';

const SEEDED_KEY = 'sampleSeeded';

/**
 * Embedded defaults: on a workstation that never had a directory, load the shipped sample so the app
 * is usable at once. Never runs again once any directory was loaded.
 */
export async function seedSampleIfEmpty(): Promise<boolean> {
  // A directory kept by the first app version moves into the current layout first.
  if ((await db.customers.count()) > 0) await directoryClient.migrateLegacy();
  if (await db.meta.get(SEEDED_KEY)) return false;
  const info = await directoryReader.info();
  if (info.count > 0 || info.cursor !== null) return false;
  // Checked again under the write lock: a download that started meanwhile wins over the sample.
  if (!(await directoryClient.seedIfEmpty(new Blob([sampleDirectoryCsv], { type: 'text/csv' }))))
    return false;
  await db.tickets.bulkPut(sampleTickets as TicketSummary[]);
  await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
  return true;
}

/**
 * A copy written by an older version has no street or name index: rebuild it once, in the
 * worker, while lookups by code, RUT, phone and address keep using it.
 */
export async function upgradeDirectoryLayout(): Promise<boolean> {
  const info = await directoryReader.info();
  if (info.gen === 0 || (info.layout ?? 1) >= LAYOUT_VERSION) return false;
  return (await directoryClient.compact(() => undefined, { ifOutdated: true })).compacted;
}
