import type { Customer } from '../../../../shared/directory/customer';
import { nameMatches } from '../../../../shared/text/normalize';
import type { CompanionDb } from '../../../db/db';
import { customerHasKey, decodeCustomer } from './codec';
import { backend, request } from './idb';
import {
  LAYOUT_VERSION,
  META_KEY,
  STORES,
  bucketLocations,
  bucketOf,
  hashKey,
  indexKey,
  kindKey,
  pageKey,
  pageOf,
  pageRecord,
  slotOf,
  type DirectoryMeta,
  type IndexBucket,
  type IndexKind,
} from './layout';
import { MemoryIndex } from './memoryIndex';
import { NameIndex } from './nameIndex';
import { OverlayIndex } from './overlay';
import { traceStart } from './yieldToMain';
import { loadOverlay, readMeta } from './writer';

/** Thrown inside a lookup when the generation it started on was replaced meanwhile. */
class StaleGeneration extends Error {}

/**
 * Lookups on the local copy, for the UI thread: the index from memory (once loaded; the IndexedDB
 * bucket before that), then one read transaction for the record page(s) and the metadata row, the
 * overlay of recent changes from memory. Never touches the network; when a writer committed since
 * this window last looked (new generation, new overlay batch), the lookup reloads and retries.
 */
export class DirectoryReader {
  private meta: DirectoryMeta | null = null;
  private overlay = new OverlayIndex();
  private refreshing: Promise<void> | null = null;
  private memory: MemoryIndex | null = null;
  private memoryLoading: Promise<void> = Promise.resolve();
  private names: { gen: number; index: Promise<NameIndex | null> } | null = null;

  /** `useMemoryIndex`: keep the index in memory (the app); tests may read IndexedDB only. */
  constructor(
    private readonly db: CompanionDb,
    private readonly useMemoryIndex = true,
  ) {}

  /** Picks up what a writer committed (new generation or new overlay batches). */
  refresh(): Promise<void> {
    // Coalesce: concurrent callers share one reload.
    this.refreshing ??= this.reload().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async reload(): Promise<void> {
    const end = traceStart('directory: refresh');
    const idb = await backend(this.db);
    const meta = await readMeta(idb);
    const overlay = this.meta && this.meta.gen === meta.gen ? this.overlay : new OverlayIndex();
    // In slices, in place: each entry lands whole, and a lookup meanwhile sees a newer metadata row
    // than this.meta, so it waits for this refresh to finish (see findIn).
    if (overlay.seq < meta.overlaySeq) await loadOverlay(idb, meta.gen, overlay, { inSlices: true });
    this.meta = meta;
    this.overlay = overlay;
    if (this.memory?.gen !== meta.gen) {
      this.memory?.cancel();
      this.memory = null;
      if (meta.gen !== 0 && this.useMemoryIndex) {
        const memory = new MemoryIndex(meta.gen);
        this.memory = memory;
        // In the background: lookups use the IndexedDB buckets until it is there. The name index
        // follows, so that the first name search does not pay for loading it.
        this.memoryLoading = memory
          .load(idb, meta)
          .catch(() => {
            if (this.memory === memory) this.memory = null;
          })
          .then(() => {
            if ((meta.layout ?? 1) >= LAYOUT_VERSION && this.memory === memory)
              void this.nameIndex(meta.gen).catch(() => undefined);
          });
      }
    }
    end();
  }

  /** Resolves once the in-memory index of the current generation is loaded (or given up). */
  async whenIndexed(): Promise<void> {
    await this.refresh();
    await this.memoryLoading;
  }

  private async current(): Promise<DirectoryMeta> {
    if (!this.meta) await this.refresh();
    return this.meta!;
  }

  async info(): Promise<DirectoryMeta> {
    await this.refresh();
    return this.meta!;
  }

  /** Customers having this key; at most `limit`. */
  async find(kind: IndexKind, value: string, limit = 200): Promise<Customer[]> {
    for (let attempt = 0; ; attempt++) {
      // No await on the warm path: the page read is asked for in the caller's task (an INVITE's
      // look-up is then under way before anything else that task set off runs).
      let meta = this.meta ?? (await this.current());
      // Empty as far as this window knows: look again (cheap) in case a copy arrived meanwhile.
      if (meta.gen === 0 && attempt === 0) meta = await this.info();
      if (meta.gen === 0) return [];
      try {
        // The last attempt accepts a copy a commit behind rather than fail the lookup.
        return await this.findIn(meta, this.overlay, kind, value, limit, attempt < 2);
      } catch (error) {
        if (!(error instanceof StaleGeneration) || attempt >= 2) throw error;
        await this.refresh();
      }
    }
  }

  async get(codigo: string): Promise<Customer | undefined> {
    const found = await this.find('c', codigo.toUpperCase(), 10);
    return found.find((c) => c.codigo === codigo) ?? found[0];
  }

  private async findIn(
    meta: DirectoryMeta,
    overlay: OverlayIndex,
    kind: IndexKind,
    value: string,
    limit: number,
    verify: boolean,
  ): Promise<Customer[]> {
    // A generation of an older layout has no index of this kind yet (rebuilt in the background).
    if (meta.bits[kind] === undefined) return [];
    const key = kindKey(kind, value);
    const hash = hashKey(key);
    const idb = this.db.isOpen() ? this.db.backendDB() : await backend(this.db);
    const tx = idb.transaction([STORES.index, STORES.pages, STORES.meta], 'readonly');
    const bucketNo = bucketOf(hash, meta.bits[kind]);
    let locs = this.memory?.gen === meta.gen ? this.memory.locations(kind, bucketNo, hash) : null;
    const checked = this.checkCurrent(tx, meta, verify);
    if (locs === null) {
      const bucket = (await request(tx.objectStore(STORES.index).get(indexKey(meta.gen, kind, bucketNo)))) as
        IndexBucket | undefined;
      if (!bucket) throw new StaleGeneration();
      locs = bucketLocations(bucket, hash);
    }
    const recent = overlay.locationsFor(key);
    return this.readRecords(tx, meta, overlay, [...locs, ...recent], new Set(recent), checked, limit, (c) =>
      customerHasKey(c, kind, value),
    );
  }

  /**
   * The metadata row read along with the data, in parallel: a commit this window was not told
   * about (a missed broadcast) is noticed here, at no extra round trip.
   */
  private checkCurrent(tx: IDBTransaction, meta: DirectoryMeta, verify: boolean): Promise<void> {
    const current = request(tx.objectStore(STORES.meta).get(META_KEY)) as Promise<
      { value: DirectoryMeta } | undefined
    >;
    return current.then((row) => {
      if (!verify) return;
      if (!row || row.value.gen !== meta.gen || row.value.overlaySeq !== meta.overlaySeq)
        throw new StaleGeneration();
    });
  }

  /** Reads the pages of `locs` in `tx` and decodes the records that pass `accept`, at most `limit`. */
  private async readRecords(
    tx: IDBTransaction,
    meta: DirectoryMeta,
    overlay: OverlayIndex,
    locs: number[],
    recentSet: Set<number>,
    checked: Promise<void>,
    limit: number,
    accept: (customer: Customer) => boolean,
  ): Promise<Customer[]> {
    const pageStore = tx.objectStore(STORES.pages);
    const pages = [...new Set(locs.map(pageOf))];
    const [, ...values] = await Promise.all([
      checked,
      ...pages.map((page) => request(pageStore.get(pageKey(meta.gen, page))) as Promise<string | undefined>),
    ]);
    if (locs.length === 0) return [];
    const byPage = new Map<number, string>();
    pages.forEach((page, i) => {
      const records = values[i];
      if (records === undefined) throw new StaleGeneration();
      byPage.set(page, records);
    });

    const hits: Customer[] = [];
    const seen = new Set<string>();
    for (const loc of locs) {
      if (hits.length >= limit) break;
      const page = byPage.get(pageOf(loc));
      const encoded = page === undefined ? undefined : pageRecord(page, slotOf(loc));
      if (encoded === undefined) continue;
      const customer = decodeCustomer(encoded);
      // A generation record that changed since the build is answered by its overlay version.
      if (!recentSet.has(loc) && overlay.byCode.has(customer.codigo)) continue;
      if (seen.has(customer.codigo) || !accept(customer)) continue;
      seen.add(customer.codigo);
      hits.push(customer);
    }
    return hits;
  }

  /**
   * Customers whose name has a word starting with each of `words` (folded), in any order; at most
   * `limit`, with how many matched in all. `indexed: false`: this copy has no name index yet
   * (an older layout being rebuilt), so nothing can be said.
   */
  async findByName(
    words: readonly string[],
    limit = 50,
  ): Promise<{ customers: Customer[]; total: number; exact: boolean; indexed: boolean }> {
    for (let attempt = 0; ; attempt++) {
      let meta = await this.current();
      if (meta.gen === 0 && attempt === 0) meta = await this.info();
      if (meta.gen === 0) return { customers: [], total: 0, exact: true, indexed: true };
      if ((meta.layout ?? 1) < LAYOUT_VERSION)
        return { customers: [], total: 0, exact: true, indexed: false };
      try {
        const names = await this.nameIndex(meta.gen);
        if (!names) throw new StaleGeneration();
        const overlay = this.overlay;
        // A few more than asked when some may be superseded by their overlay version.
        const match = names.match(words, limit + (overlay.byCode.size > 0 ? 8 : 0));
        const recent = overlay.nameLocations(words);
        const idb = await backend(this.db);
        const tx = idb.transaction([STORES.pages, STORES.meta], 'readonly');
        const checked = this.checkCurrent(tx, meta, attempt < 2);
        const customers = await this.readRecords(
          tx,
          meta,
          overlay,
          [...match.locations, ...recent],
          new Set(recent),
          checked,
          limit,
          (c) => nameMatches(c.nombre, words),
        );
        return {
          customers,
          total: Math.max(match.total, customers.length),
          exact: match.exact,
          indexed: true,
        };
      } catch (error) {
        if (!(error instanceof StaleGeneration) || attempt >= 2) throw error;
        await this.refresh();
      }
    }
  }

  /** The name index of generation `gen`, loaded once (in slices) and shared by every name search. */
  private nameIndex(gen: number): Promise<NameIndex | null> {
    if (this.names?.gen !== gen) {
      this.names = {
        gen,
        index: backend(this.db).then((idb) => NameIndex.load(idb, gen)),
      };
      // A failed or missing load is tried again by the next search.
      const pending = this.names;
      void pending.index.then(
        (index) => {
          if (!index && this.names === pending) this.names = null;
        },
        () => {
          if (this.names === pending) this.names = null;
        },
      );
    }
    return this.names.index;
  }
}
