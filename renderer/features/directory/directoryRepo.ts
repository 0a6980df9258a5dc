import { directoryReader } from './directoryService';

export type { UpsertCounts } from './engine/importFile';

/** Customers in the local copy (a counter kept with the data, not a scan). */
export async function countCustomers(): Promise<number> {
  return (await directoryReader.info()).count;
}
