/**
 * Storage layout of the local directory copy (see README.md in this folder).
 *
 * A generation (`gen`) is one complete, immutable build: record pages plus hash-bucketed index
 * pages. Changes after the build (server deltas, file imports) are appended as more pages plus an
 * "overlay" of small batches; lookups merge the two. A compaction or a new snapshot writes the
 * next generation and switches to it in one transaction, so readers never see half a build.
 */

/** Index kinds: customer code (upper case), canonical RUT, E.164 phone, address key. */
export type IndexKind = 'c' | 'r' | 'p' | 'a';
export const INDEX_KINDS: readonly IndexKind[] = ['c', 'r', 'p', 'a'];

/** Records per page: small enough that reading one page for one customer stays well under 1 ms. */
export const PAGE_SIZE = 128;
/** loc = page × SLOTS + slot: one 32-bit number locates a record. */
export const SLOT_BITS = 8;
export const SLOTS = 1 << SLOT_BITS;
/** Target entries per index bucket (a few KB per value). */
export const BUCKET_TARGET = 512;

/** IndexedDB object stores of this layout (declared in renderer/db/db.ts). */
export const STORES = { pages: 'dirPages', index: 'dirIndex', overlay: 'dirOverlay', meta: 'meta' } as const;
export const META_KEY = 'directory';

/** An index page: parallel arrays of key hashes and record locations; code buckets also keep the codes. */
export interface IndexBucket {
  h: Uint32Array;
  l: Uint32Array;
  /** Only for kind 'c': the exact codes, so membership needs no record read. */
  k?: string[];
}

/** One overlay entry: a customer written after the build (loc) or deleted (loc = -1), with its index keys. */
export type OverlayEntry = [codigo: string, loc: number, keys: string[]];
export interface OverlayBatch {
  e: OverlayEntry[];
}

/** Where the directory came from last: the back office feed or a file imported on this workstation. */
export type DirectorySource = 'server' | 'file';

export interface DirectoryMeta {
  /** Active generation; 0 = nothing stored yet. */
  gen: number;
  /** Last generation number handed out (a build in progress uses lastGen + 1). */
  lastGen: number;
  /** Index bucket bits per kind of the active generation. */
  bits: Record<IndexKind, number>;
  /** Pages below this are covered by the generation's index; pages from here on are overlay pages. */
  mainPages: number;
  nextPage: number;
  overlaySeq: number;
  overlayEntries: number;
  /** Live customers. */
  count: number;
  /** Back-office version cursor; null = never downloaded (or since a file import on an empty copy). */
  cursor: number | null;
  /** Identifies the back office the cursor belongs to (its base URL). */
  serverKey: string | null;
  /** Last complete download from the back office (ISO). */
  syncedAt: string | null;
  /** Last change of any kind (ISO). */
  updatedAt: string | null;
  source: DirectorySource | null;
}

export function emptyMeta(): DirectoryMeta {
  return {
    gen: 0,
    lastGen: 0,
    bits: { c: 0, r: 0, p: 0, a: 0 },
    mainPages: 0,
    nextPage: 0,
    overlaySeq: 0,
    overlayEntries: 0,
    count: 0,
    cursor: null,
    serverKey: null,
    syncedAt: null,
    updatedAt: null,
    source: null,
  };
}

export type PageKey = [gen: number, page: number];
export type IndexKey = [gen: number, kind: IndexKind, bucket: number];
export type OverlayKey = [gen: number, seq: number];

export function pageKey(gen: number, page: number): PageKey {
  return [gen, page];
}
export function indexKey(gen: number, kind: IndexKind, bucket: number): IndexKey {
  return [gen, kind, bucket];
}
export function overlayKey(gen: number, seq: number): OverlayKey {
  return [gen, seq];
}

export function locOf(page: number, slot: number): number {
  return page * SLOTS + slot;
}
export function pageOf(loc: number): number {
  return Math.floor(loc / SLOTS);
}
export function slotOf(loc: number): number {
  return loc % SLOTS;
}

/** 32-bit FNV-1a over UTF-16 code units: fast, and good enough to spread keys over buckets. */
export function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32): FNV's high bits, which pick the bucket, mix poorly on short keys.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Buckets are chosen by the top `bits` bits of the hash. */
export function bucketOf(hash: number, bits: number): number {
  return bits === 0 ? 0 : hash >>> (32 - bits);
}

export function bitsFor(entries: number): number {
  let bits = 0;
  while (bits < 24 && entries / (1 << bits) > BUCKET_TARGET) bits += 1;
  return bits;
}

/** A typed search key as the index stores it: kind letter + value ("p+56912345678"). */
export function kindKey(kind: IndexKind, value: string): string {
  return kind + value;
}
