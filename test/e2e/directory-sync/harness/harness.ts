// A page on the app's origin that calls the app's own lookup API (searchService) on the IndexedDB
// copy the app synced: lookup latency is measured on the real code, without the UI in between.
import type { SearchKey } from '../../../../shared/search/query';
import { CompanionDb } from '../../../../renderer/db/db';
import { backend, request } from '../../../../renderer/features/directory/storage/idb';
import {
  STORES,
  bucketLocations,
  bucketOf,
  hashKey,
  indexKey,
  kindKey,
  pageKey,
  pageOf,
  type IndexBucket,
  type IndexKind,
} from '../../../../renderer/features/directory/storage/layout';
import { createDirectoryWorker, LocalDirectory } from '../../../../renderer/features/directory';
import { createCustomerSearch } from '../../../../renderer/features/search';

// Wired as renderer/app/services.ts wires the app's: its own database, the real worker.
const db = new CompanionDb();
const directory = new LocalDirectory(db, createDirectoryWorker);
directory.start(); // follows what the app's window commits
const directoryReader = directory.reader;
const directoryClient = directory.client;
const { findRelatedCustomers, getCustomer, searchByKeys } = createCustomerSearch(directory.reader);

export interface LookupTimings {
  count: number;
  found: number;
  p50: number;
  p99: number;
  max: number;
}

async function time(keys: SearchKey[]): Promise<LookupTimings> {
  return timeQueries(keys.map((key) => [key]));
}

/** Each entry is one search box query: all its readings, run and merged as the app does. */
async function timeQueries(queries: SearchKey[][]): Promise<LookupTimings> {
  const ms: number[] = [];
  let found = 0;
  for (const keys of queries) {
    const started = performance.now();
    const hits = await searchByKeys(keys);
    ms.push(performance.now() - started);
    if (hits.length > 0) found += 1;
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { count: ms.length, found, p50: at(0.5), p99: at(0.99), max: ms.at(-1) ?? 0 };
}

function stats(ms: number[]) {
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: ms.at(-1) ?? 0 };
}

/** Diagnostics: the two IndexedDB round trips of a lookup, timed apart. */
async function breakdown(keys: SearchKey[]) {
  const kinds: Record<Exclude<SearchKey['by'], 'name'>, IndexKind> = {
    phone: 'p',
    rut: 'r',
    codigo: 'c',
    address: 'a',
    street: 's',
  };
  const meta = await directoryReader.info();
  const idb = await backend(db);
  const bucketMs: number[] = [];
  const pageMs: number[] = [];
  for (const key of keys) {
    if (key.by === 'name') continue;
    const kind = kinds[key.by];
    const hash = hashKey(kindKey(kind, key.value));
    const t0 = performance.now();
    const tx = idb.transaction([STORES.index, STORES.pages], 'readonly');
    const bucket = (await request(
      tx.objectStore(STORES.index).get(indexKey(meta.gen, kind, bucketOf(hash, meta.bits[kind]))),
    )) as IndexBucket;
    const t1 = performance.now();
    const locs = bucketLocations(bucket, hash);
    await Promise.all(
      locs.map((loc) => request(tx.objectStore(STORES.pages).get(pageKey(meta.gen, pageOf(loc))))),
    );
    const t2 = performance.now();
    bucketMs.push(t1 - t0);
    pageMs.push(t2 - t1);
  }
  return { bucket: stats(bucketMs), page: stats(pageMs) };
}

/** Imports a directory file served on this origin into the copy (the worker), as "Importar directorio" does. */
async function importUrl(url: string) {
  const started = performance.now();
  const blob = await (await fetch(url)).blob();
  const result = await directoryClient.importFile(blob, () => undefined);
  return { ms: performance.now() - started, added: result.added, lines: result.summary.lines };
}

const harness = {
  time,
  timeQueries,
  importUrl,
  breakdown,
  searchByKeys,
  getCustomer,
  findRelatedCustomers,
  info: () => directoryReader.info(),
  /** Folds the overlay into a new generation now (the worker of this page does it). */
  compact: () => directoryClient.compact(),
  whenIndexed: () => directoryReader.whenIndexed(),
  storageUsage: async () => (await navigator.storage.estimate()).usage ?? 0,
};
(window as unknown as { harness: typeof harness }).harness = harness;
document.documentElement.dataset.ready = 'true';
