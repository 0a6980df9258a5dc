import type { Customer } from '../../../../shared/directory/customer';
import { encodeCustomer, indexKeysOf } from './codec';
import { done, writeTx } from './idb';
import {
  INDEX_KINDS,
  PAGE_SIZE,
  STORES,
  bitsFor,
  bucketOf,
  hashKey,
  indexKey,
  joinPage,
  locOf,
  pageKey,
  CODE_LIST,
  LAYOUT_VERSION,
  NAME_KEY,
  type IndexKind,
} from './layout';
import { NameIndexBuilder } from './nameIndex';

/** Pages per write transaction: short transactions let lookups (read transactions) slip in between. */
const PAGES_PER_TX = 16;
const BUCKETS_PER_TX = 512;
/** Write transactions queued at once: one committing while the next is being filled. */
const MAX_IN_FLIGHT = 2;

/** Growable (hash, location) pairs. */
class Entries {
  h = new Uint32Array(1024);
  l = new Uint32Array(1024);
  n = 0;
  push(hash: number, loc: number): void {
    if (this.n === this.h.length) {
      const h = new Uint32Array(this.n * 2);
      h.set(this.h);
      this.h = h;
      const l = new Uint32Array(this.n * 2);
      l.set(this.l);
      this.l = l;
    }
    this.h[this.n] = hash;
    this.l[this.n] = loc;
    this.n += 1;
  }
}

export interface BuiltGeneration {
  gen: number;
  count: number;
  mainPages: number;
  bits: Record<IndexKind, number>;
  layout: number;
}

/**
 * Writes one generation: records are packed PAGE_SIZE to a page as they come (pages are written
 * while the rest still downloads), index entries stay in memory as typed arrays (~8 bytes each)
 * and are bucketed and written at the end.
 */
export class GenerationBuilder {
  private page: string[] = [];
  private pageNo = 0;
  private pending: Array<[number, string[]]> = [];
  private inFlight: Promise<void>[] = [];
  private failure: unknown = null;
  private readonly entries: Record<IndexKind, Entries> = {
    c: new Entries(),
    r: new Entries(),
    p: new Entries(),
    a: new Entries(),
    s: new Entries(),
  };
  private names = new NameIndexBuilder();
  /** Codes (as written, not upper-cased) in the order of entries.c, for exact membership. */
  private readonly codes: string[] = [];
  count = 0;

  constructor(
    private readonly idb: IDBDatabase,
    readonly gen: number,
  ) {}

  /** Adds one customer (synchronously; call `flush` now and then to write and to feel backpressure). */
  add(customer: Customer, encoded = encodeCustomer(customer)): void {
    const loc = locOf(this.pageNo, this.page.length);
    this.page.push(encoded);
    for (const key of indexKeysOf(customer)) {
      if (key[0] === NAME_KEY) {
        this.names.add(key.slice(1), loc);
        continue;
      }
      const kind = key[0] as IndexKind;
      this.entries[kind].push(hashKey(key), loc);
      if (kind === 'c') this.codes.push(customer.codigo);
    }
    this.count += 1;
    if (this.page.length === PAGE_SIZE) this.closePage();
  }

  private closePage(): void {
    this.pending.push([this.pageNo, this.page]);
    this.pageNo += 1;
    this.page = [];
  }

  /** Starts writing the full pages; waits while too many writes are queued. */
  async flush(all = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (all && this.page.length > 0) this.closePage();
    while (this.pending.length >= PAGES_PER_TX || (all && this.pending.length > 0)) {
      const batch = this.pending.splice(0, PAGES_PER_TX);
      while (this.inFlight.length >= MAX_IN_FLIGHT) await this.inFlight.shift();
      this.inFlight.push(this.writePages(batch));
    }
    if (all) while (this.inFlight.length > 0) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  private writePages(batch: Array<[number, string[]]>): Promise<void> {
    const tx = writeTx(this.idb, [STORES.pages]);
    const store = tx.objectStore(STORES.pages);
    for (const [no, records] of batch) store.put(joinPage(records), pageKey(this.gen, no));
    return done(tx).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /** Writes the last page and the index; the generation is complete but not yet active. */
  async finish(): Promise<BuiltGeneration> {
    await this.flush(true);
    const bits = { c: 0, r: 0, p: 0, a: 0, s: 0 } as Record<IndexKind, number>;
    for (const kind of INDEX_KINDS) {
      bits[kind] = bitsFor(this.entries[kind].n);
      await this.writeIndex(kind, bits[kind]);
      // Let go of the memory as soon as each kind is written.
      this.entries[kind] = new Entries();
    }
    this.codes.length = 0;
    await this.names.write(this.idb, this.gen);
    this.names = new NameIndexBuilder();
    return { gen: this.gen, count: this.count, mainPages: this.pageNo, bits, layout: LAYOUT_VERSION };
  }

  private async writeIndex(kind: IndexKind, bits: number): Promise<void> {
    const { h, l, n } = this.entries[kind];
    const buckets = 1 << bits;
    // Counting sort by bucket: two passes, no comparisons.
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < n; i++) start[bucketOf(h[i]!, bits) + 1]! += 1;
    for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, buckets);
    const sortedH = new Uint32Array(n);
    const sortedL = new Uint32Array(n);
    const sortedK: string[] | null = kind === 'c' ? new Array<string>(n) : null;
    for (let i = 0; i < n; i++) {
      const b = bucketOf(h[i]!, bits);
      const at = fill[b]!;
      fill[b] = at + 1;
      sortedH[at] = h[i]!;
      sortedL[at] = l[i]!;
      if (sortedK) sortedK[at] = this.codes[i]!;
    }
    for (let first = 0; first < buckets; first += BUCKETS_PER_TX) {
      const tx = writeTx(this.idb, [STORES.index]);
      const store = tx.objectStore(STORES.index);
      for (let b = first; b < Math.min(buckets, first + BUCKETS_PER_TX); b++) {
        const from = start[b]!;
        const to = start[b + 1]!;
        const e = new Uint32Array((to - from) * 2);
        for (let i = from, j = 0; i < to; i++, j += 2) {
          e[j] = sortedH[i]!;
          e[j + 1] = sortedL[i]!;
        }
        store.put(e, indexKey(this.gen, kind, b));
        if (sortedK) store.put(sortedK.slice(from, to).join('\n'), indexKey(this.gen, CODE_LIST, b));
      }
      await done(tx);
    }
  }
}
