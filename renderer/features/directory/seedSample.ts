// Bundled as text: file:// pages (Electron) cannot fetch() a file.
import sampleDirectoryCsv from '../../../assets/sample-directory.csv?raw';
import sampleTickets from '../../../assets/sample-tickets.json';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { db } from '../../db/db';
import { importDirectoryFile } from './importDirectory';

const SEEDED_KEY = 'sampleSeeded';

/**
 * Embedded defaults: on a workstation that never had a directory, load the shipped sample so the app
 * is usable at once. Never runs again once any directory was loaded.
 */
export async function seedSampleIfEmpty(): Promise<boolean> {
  if (await db.meta.get(SEEDED_KEY)) return false;
  if ((await db.customers.count()) > 0) return false;
  await importDirectoryFile(new Blob([sampleDirectoryCsv], { type: 'text/csv' }), () => undefined);
  await db.tickets.bulkPut(sampleTickets as TicketSummary[]);
  await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
  return true;
}
