import { request } from './idb';
import { traceStart, yieldToMain } from './yieldToMain';
import {
  INDEX_KINDS,
  STORES,
  bucketLocations,
  indexKey,
  type DirectoryMeta,
  type IndexBucket,
  type IndexKind,
} from './layout';

/** Buckets per read while loading: ~0.3 MB, so no single clone is a long task on a busy machine. */
const BUCKETS_PER_READ = 64;

interface KindIndex {
  /** Pair offsets: bucket b's pairs are [start[b], start[b + 1]). */
  start: Uint32Array;
  pairs: Uint32Array;
}

/**
 * The generation's index pages copied into memory, as typed arrays (about 8 bytes per key, ~36 MB
 * for a million customers, outside the JS heap): a lookup then costs one IndexedDB read (the record
 * page) instead of two. Loaded in the background after start or a generation switch; until a kind
 * is loaded, lookups of that kind read the bucket from IndexedDB.
 */
export class MemoryIndex {
  private readonly kinds = new Map<IndexKind, KindIndex>();
  private cancelled = false;

  constructor(readonly gen: number) {}

  /** Locations for a hash, or null while this kind is not in memory yet. */
  locations(kind: IndexKind, bucket: number, hash: number): number[] | null {
    const index = this.kinds.get(kind);
    if (!index) return null;
    return bucketLocations(index.pairs, hash, index.start[bucket]!, index.start[bucket + 1]!);
  }

  cancel(): void {
    this.cancelled = true;
  }

  async load(idb: IDBDatabase, meta: DirectoryMeta): Promise<void> {
    for (const kind of INDEX_KINDS) {
      // A generation of an older layout has no index of this kind (see LAYOUT_VERSION).
      if (meta.bits[kind] === undefined) continue;
      const buckets = 1 << meta.bits[kind];
      const parts: IndexBucket[] = [];
      for (let first = 0; first < buckets; first += BUCKETS_PER_READ) {
        if (this.cancelled) return;
        const last = Math.min(buckets, first + BUCKETS_PER_READ) - 1;
        const range = IDBKeyRange.bound(indexKey(this.gen, kind, first), indexKey(this.gen, kind, last));
        const endRead = traceStart('directory: index read');
        const values = await request(
          idb.transaction([STORES.index], 'readonly').objectStore(STORES.index).getAll(range) as IDBRequest<
            IndexBucket[]
          >,
        );
        endRead();
        // A missing bucket means the generation is being dropped: stay on the IndexedDB path.
        if (values.length !== last - first + 1) return;
        for (const value of values) parts.push(value);
      }
      await yieldToMain();
      const end = traceStart(`directory: index ${kind} into memory`);
      const start = new Uint32Array(buckets + 1);
      let total = 0;
      parts.forEach((part, b) => {
        start[b] = total;
        total += part.length / 2;
      });
      start[buckets] = total;
      const pairs = new Uint32Array(total * 2);
      parts.forEach((part, b) => pairs.set(part, start[b]! * 2));
      this.kinds.set(kind, { start, pairs });
      end();
    }
  }
}
