import type { Customer } from '../../../../shared/directory/customer';
import type { CompanionDb } from '../../../db/db';
import { GenerationBuilder, type BuiltGeneration } from './builder';
import { decodeCustomer, encodeCustomer, indexKeysOf } from './codec';
import { backend, done, genRange, request, writeTx } from './idb';
import {
  CODE_LIST,
  META_KEY,
  PAGE_SIZE,
  STORES,
  bucketOf,
  emptyMeta,
  hashKey,
  indexKey,
  joinPage,
  kindKey,
  locOf,
  overlayKey,
  packOverlay,
  pageKey,
  pageOf,
  pageRecord,
  slotOf,
  splitPage,
  type DirectoryMeta,
  type IndexBucket,
  type OverlayBatch,
  type OverlayEntry,
} from './layout';
import { OverlayIndex } from './overlay';

export interface ChangeCounts {
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/** Metadata a caller sets along with a change (cursor, sync time…), committed in the same transaction. */
export type MetaPatch = Partial<
  Pick<DirectoryMeta, 'cursor' | 'serverKey' | 'syncedAt' | 'updatedAt' | 'source' | 'fileImportedAt'>
>;

/** Overlay size that triggers folding the changes into a new generation. */
export function compactionThreshold(count: number): number {
  return Math.max(20_000, Math.floor(count * 0.05));
}

const GC_PAGES_PER_TX = 256;
const PAGES_PER_TX = 16;
const LOCATE_GET_ALL_ABOVE = 64;

export async function readMeta(idb: IDBDatabase): Promise<DirectoryMeta> {
  const tx = idb.transaction([STORES.meta], 'readonly');
  const row = await request(
    tx.objectStore(STORES.meta).get(META_KEY) as IDBRequest<
      { key: string; value: DirectoryMeta } | undefined
    >,
  );
  return row ? { ...emptyMeta(), ...row.value } : emptyMeta();
}

function putMeta(tx: IDBTransaction, meta: DirectoryMeta): void {
  tx.objectStore(STORES.meta).put({ key: META_KEY, value: meta });
}

export async function loadOverlay(
  idb: IDBDatabase,
  gen: number,
  overlay: OverlayIndex,
  options: { inSlices?: boolean } = {},
): Promise<void> {
  if (gen === 0) return;
  const range = IDBKeyRange.bound(overlayKey(gen, overlay.seq), [gen, []], true);
  const keys = await request(
    idb.transaction([STORES.overlay], 'readonly').objectStore(STORES.overlay).getAllKeys(range),
  );
  // One batch (at most one delta's worth) per read: the UI thread never clones them all in one task.
  for (const key of keys) {
    const batch = await request(
      idb.transaction([STORES.overlay], 'readonly').objectStore(STORES.overlay).get(key) as IDBRequest<
        OverlayBatch | undefined
      >,
    );
    if (!batch) continue;
    if (options.inSlices) await overlay.applyInSlices((key as [number, number])[1], batch);
    else overlay.apply((key as [number, number])[1], batch);
  }
}

/**
 * All writes to the directory copy. Only one writer may run at a time (callers hold the
 * "companion-directory-writer" Web Lock, engine/lock.ts); open a fresh one per operation, since another window may have
 * written in between.
 */
export class DirectoryWriter {
  /** Milliseconds spent per step of applyChanges, summed (diagnostics for the benchmark). */
  readonly spent: Record<string, number> = {};

  private time(step: string, since: number): number {
    const now = performance.now();
    this.spent[step] = (this.spent[step] ?? 0) + (now - since);
    return now;
  }

  private constructor(
    private readonly idb: IDBDatabase,
    public meta: DirectoryMeta,
    readonly overlay: OverlayIndex,
  ) {}

  static async open(db: CompanionDb): Promise<DirectoryWriter> {
    const idb = await backend(db);
    const meta = await readMeta(idb);
    const overlay = new OverlayIndex();
    await loadOverlay(idb, meta.gen, overlay);
    return new DirectoryWriter(idb, meta, overlay);
  }

  // ------------------------------------------------------------ generations

  /** Starts a new generation (snapshot or compaction); lookups keep using the active one meanwhile. */
  async beginBuild(): Promise<GenerationBuilder> {
    const gen = this.meta.lastGen + 1;
    // Claim the number first: a build cut by a crash leaves garbage under it, never a reused number.
    this.meta = { ...this.meta, lastGen: gen };
    const tx = writeTx(this.idb, [STORES.meta]);
    putMeta(tx, this.meta);
    await done(tx);
    return new GenerationBuilder(this.idb, gen);
  }

  /** Makes a finished build the active generation (one transaction), then frees the old one. */
  async commitBuild(built: BuiltGeneration, patch: MetaPatch): Promise<void> {
    const previous = this.meta.gen;
    const next: DirectoryMeta = {
      ...this.meta,
      ...patch,
      gen: built.gen,
      layout: built.layout,
      bits: built.bits,
      mainPages: built.mainPages,
      nextPage: built.mainPages,
      overlaySeq: 0,
      overlayEntries: 0,
      count: built.count,
    };
    const tx = writeTx(this.idb, [STORES.meta]);
    putMeta(tx, next);
    await done(tx);
    this.meta = next;
    this.overlay.byCode.clear();
    this.overlay.byKey.clear();
    this.overlay.names.clear();
    this.overlay.seq = 0;
    this.overlay.entries = 0;
    if (previous !== 0) await this.dropGeneration(previous);
  }

  /** Deletes every generation but the active one (builds cut short, old generations). */
  async collectGarbage(): Promise<void> {
    const tx = this.idb.transaction([STORES.pages], 'readonly');
    const keys = await request(tx.objectStore(STORES.pages).getAllKeys());
    const gens = new Set(keys.map((key) => (key as [number, number])[0]));
    const indexTx = this.idb.transaction([STORES.index, STORES.overlay], 'readonly');
    const [indexKeys, overlayKeys] = await Promise.all([
      request(indexTx.objectStore(STORES.index).getAllKeys()),
      request(indexTx.objectStore(STORES.overlay).getAllKeys()),
    ]);
    for (const key of [...indexKeys, ...overlayKeys]) gens.add((key as [number])[0]);
    gens.delete(this.meta.gen);
    for (const gen of gens) await this.dropGeneration(gen);
  }

  /** In short transactions, so lookups are never held up for long. */
  private async dropGeneration(gen: number): Promise<void> {
    for (;;) {
      const tx = writeTx(this.idb, [STORES.pages]);
      const store = tx.objectStore(STORES.pages);
      const keys = await request(store.getAllKeys(genRange(gen), GC_PAGES_PER_TX));
      if (keys.length > 0) store.delete(IDBKeyRange.bound(keys[0]!, keys[keys.length - 1]!));
      await done(tx);
      if (keys.length < GC_PAGES_PER_TX) break;
    }
    const tx = writeTx(this.idb, [STORES.index, STORES.overlay]);
    tx.objectStore(STORES.index).delete(genRange(gen));
    tx.objectStore(STORES.overlay).delete(genRange(gen));
    await done(tx);
  }

  /** An empty generation, so changes always have a generation to be written against. */
  private async ensureGeneration(): Promise<void> {
    if (this.meta.gen !== 0) return;
    const builder = await this.beginBuild();
    await this.commitBuild(await builder.finish(), {});
  }

  // ------------------------------------------------------------ changes

  /** Current location of each code (live customers only). */
  async locate(codes: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const inMain: string[] = [];
    for (const codigo of codes) {
      const loc = this.overlay.byCode.get(codigo);
      if (loc === undefined) inMain.push(codigo);
      else if (loc >= 0) found.set(codigo, loc);
    }
    if (inMain.length === 0 || this.meta.gen === 0) return found;
    const byBucket = new Map<number, Array<{ codigo: string; hash: number }>>();
    for (const codigo of inMain) {
      const hash = hashKey(kindKey('c', codigo.toUpperCase()));
      const bucket = bucketOf(hash, this.meta.bits.c);
      const list = byBucket.get(bucket);
      if (list) list.push({ codigo, hash });
      else byBucket.set(bucket, [{ codigo, hash }]);
    }
    const gen = this.meta.gen;
    const check = (
      e: IndexBucket | undefined,
      codesInBucket: string | undefined,
      wanted: Array<{ codigo: string; hash: number }>,
    ) => {
      if (e === undefined || codesInBucket === undefined) return;
      for (const { codigo, hash } of wanted) {
        for (let i = 0; i < e.length; i += 2) {
          // Hash first; the code itself (i-th line of the list) only for a hash hit.
          if (e[i] === hash && pageRecord(codesInBucket, i / 2) === codigo) found.set(codigo, e[i + 1]!);
        }
      }
    };
    const tx = this.idb.transaction([STORES.index], 'readonly');
    const store = tx.objectStore(STORES.index);
    if (byBucket.size > LOCATE_GET_ALL_ABOVE) {
      // A big delta touches most buckets: two getAll of the code index beat thousands of gets.
      const range = (kind: 'c' | 'k') =>
        IDBKeyRange.bound(indexKey(gen, kind, 0), indexKey(gen, kind, Infinity));
      const [keys, buckets, lists] = await Promise.all([
        request(store.getAllKeys(range('c'))),
        request(store.getAll(range('c')) as IDBRequest<IndexBucket[]>),
        request(store.getAll(range(CODE_LIST)) as IDBRequest<string[]>),
      ]);
      keys.forEach((key, i) => {
        const wanted = byBucket.get((key as [number, string, number])[2]);
        if (wanted) check(buckets[i], lists[i], wanted);
      });
    } else {
      await Promise.all(
        [...byBucket].map(async ([bucket, wanted]) => {
          const [e, list] = await Promise.all([
            request(store.get(indexKey(gen, 'c', bucket))) as Promise<IndexBucket | undefined>,
            request(store.get(indexKey(gen, CODE_LIST, bucket))) as Promise<string | undefined>,
          ]);
          check(e, list, wanted);
        }),
      );
    }
    return found;
  }

  /** Reads the stored (encoded) records at these locations. */
  async readEncoded(locs: number[]): Promise<Map<number, string>> {
    const pages = [...new Set(locs.map(pageOf))];
    const tx = this.idb.transaction([STORES.pages], 'readonly');
    const store = tx.objectStore(STORES.pages);
    const values = await Promise.all(
      pages.map((page) => request(store.get(pageKey(this.meta.gen, page))) as Promise<string | undefined>),
    );
    const byPage = new Map(pages.map((page, i) => [page, values[i]]));
    const out = new Map<number, string>();
    for (const loc of locs) {
      const page = byPage.get(pageOf(loc));
      const record = page === undefined ? undefined : pageRecord(page, slotOf(loc));
      if (record !== undefined) out.set(loc, record);
    }
    return out;
  }

  /**
   * Writes upserts and deletes as one overlay batch: new pages, then the batch and the metadata
   * in one transaction (the commit point).
   * `compare` reads the current records so identical ones count as unchanged and are not written
   * (file imports); the back office's deltas only carry real changes and skip that read.
   */
  async applyChanges(
    upserts: Customer[],
    deletes: string[],
    patch: MetaPatch,
    options: { compare?: boolean } = {},
  ): Promise<ChangeCounts> {
    let t = performance.now();
    await this.ensureGeneration();
    const counts: ChangeCounts = { added: 0, updated: 0, unchanged: 0, deleted: 0 };
    // Later entries for the same code win (a delta never repeats one; be safe anyway).
    const latest = new Map<string, Customer | null>();
    for (const customer of upserts) latest.set(customer.codigo, customer);
    for (const codigo of deletes) latest.set(codigo, null);
    const current = await this.locate([...latest.keys()]);
    t = this.time('locate', t);
    const stored = options.compare
      ? await this.readEncoded([...current.values()])
      : new Map<number, string>();
    t = this.time('compare', t);

    const entries: OverlayEntry[] = [];
    const pages: string[][] = [];
    let page: string[] = [];
    let nextPage = this.meta.nextPage;
    for (const [codigo, customer] of latest) {
      const loc = current.get(codigo);
      if (customer === null) {
        if (loc === undefined) continue;
        counts.deleted += 1;
        entries.push([codigo, -1, []]);
        continue;
      }
      const encoded = encodeCustomer(customer);
      if (loc !== undefined && stored.get(loc) === encoded) {
        counts.unchanged += 1;
        continue;
      }
      if (loc === undefined) counts.added += 1;
      else counts.updated += 1;
      entries.push([codigo, locOf(nextPage, page.length), indexKeysOf(customer)]);
      page.push(encoded);
      if (page.length === PAGE_SIZE) {
        pages.push(page);
        page = [];
        nextPage += 1;
      }
    }
    if (page.length > 0) {
      pages.push(page);
      nextPage += 1;
    }
    t = this.time('encode', t);

    const gen = this.meta.gen;
    const seq = this.meta.overlaySeq + 1;
    const next: DirectoryMeta = {
      ...this.meta,
      ...patch,
      nextPage,
      overlaySeq: entries.length > 0 ? seq : this.meta.overlaySeq,
      overlayEntries: this.meta.overlayEntries + entries.length,
      count: this.meta.count + counts.added - counts.deleted,
    };
    // Pages first, in short transactions (lookups read pages in between); they are beyond
    // nextPage, so invisible until the overlay batch and the metadata commit together below.
    for (let first = 0; first < pages.length; first += PAGES_PER_TX) {
      const pageTx = writeTx(this.idb, [STORES.pages]);
      const pageStore = pageTx.objectStore(STORES.pages);
      pages
        .slice(first, first + PAGES_PER_TX)
        .forEach((records, i) =>
          pageStore.put(joinPage(records), pageKey(gen, this.meta.nextPage + first + i)),
        );
      await done(pageTx);
    }
    t = this.time('pages', t);
    const tx = writeTx(this.idb, [STORES.overlay, STORES.meta]);
    const batch: OverlayBatch = packOverlay(entries);
    if (entries.length > 0) tx.objectStore(STORES.overlay).put(batch, overlayKey(gen, seq));
    putMeta(tx, next);
    await done(tx);
    t = this.time('commit', t);
    this.meta = next;
    if (entries.length > 0) this.overlay.applyEntries(seq, entries);
    this.time('overlay', t);
    return counts;
  }

  /** Only metadata (e.g. an empty delta still proves the copy is current). */
  async patchMeta(patch: MetaPatch): Promise<void> {
    const next = { ...this.meta, ...patch };
    const tx = writeTx(this.idb, [STORES.meta]);
    putMeta(tx, next);
    await done(tx);
    this.meta = next;
  }

  needsCompaction(): boolean {
    return this.meta.overlayEntries > compactionThreshold(this.meta.count);
  }

  /**
   * Folds the overlay into a new generation: every live record is copied once, in page order,
   * with a fresh index. Lookups keep using the current generation until the switch.
   */
  async compact(onProgress: (done: number, total: number) => void = () => undefined): Promise<void> {
    await this.collectGarbage();
    const source = this.meta;
    const builder = await this.beginBuild();
    const pagesPerRead = 64;
    for (let first = 0; first < source.nextPage; first += pagesPerRead) {
      const last = Math.min(source.nextPage, first + pagesPerRead) - 1;
      const tx = this.idb.transaction([STORES.pages], 'readonly');
      const range = IDBKeyRange.bound(pageKey(source.gen, first), pageKey(source.gen, last));
      const store = tx.objectStore(STORES.pages);
      const [keys, values] = await Promise.all([
        request(store.getAllKeys(range)),
        request(store.getAll(range) as IDBRequest<string[]>),
      ]);
      keys.forEach((key, i) => {
        const page = (key as [number, number])[1];
        splitPage(values[i]!).forEach((encoded, slot) => {
          const customer = decodeCustomer(encoded);
          const latest = this.overlay.byCode.get(customer.codigo);
          const live = latest === undefined ? page < source.mainPages : latest === locOf(page, slot);
          if (live) builder.add(customer, encoded);
        });
      });
      await builder.flush();
      onProgress(last + 1, source.nextPage);
    }
    const built = await builder.finish();
    await this.commitBuild(built, {});
  }
}
