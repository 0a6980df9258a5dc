/**
 * Storage layout of the local directory copy (see README.md in this folder).
 *
 * A generation (`gen`) is one complete, immutable build: record pages plus hash-bucketed index
 * pages. Changes after the build (server deltas, file imports) are appended as more pages plus an
 * "overlay" of small batches; lookups merge the two. A compaction or a new snapshot writes the
 * next generation and switches to it in one transaction, so readers never see half a build.
 */

/**
 * Hashed index kinds: customer code (upper case), canonical RUT, E.164 phone, address key
 * (comuna|número), street key (calle|número).
 */
export type IndexKind = 'c' | 'r' | 'p' | 'a' | 's';
export const INDEX_KINDS: readonly IndexKind[] = ['c', 'r', 'p', 'a', 's'];

/**
 * Name words are not hashed: a name search matches word prefixes, so the generation keeps a
 * sorted vocabulary of name words with the locations of each (nameIndex.ts). Overlay entries
 * carry them as keys "n<word>".
 */
export const NAME_KEY = 'n' as const;
/** [gen, 'n', 0] vocabulary (sorted, "\n"-joined), 1 offsets, 2… postings in chunks of this many. */
export const NAME_POSTINGS_CHUNK = 1 << 18;

/**
 * Version of what a generation holds. 2: street and name indexes. A generation of an older
 * version is rebuilt (compacted) once, in the background; its lookups by code, RUT, phone and
 * address keep working meanwhile.
 */
export const LAYOUT_VERSION = 2;

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

/**
 * An index bucket: (hash, location) pairs interleaved in one Uint32Array. Code buckets have a
 * companion value under kind 'k': the exact codes of the bucket joined by "\n", in the same order
 * (the writer needs exact membership; lookups never read it).
 */
export type IndexBucket = Uint32Array;
export type IndexValueKind = IndexKind | 'k' | typeof NAME_KEY;
export const CODE_LIST = 'k' as const;

/** Locations of the entries whose hash is `hash` in pairs [from, to) of `e` (hashes collide: callers confirm on the record). */
export function bucketLocations(e: Uint32Array, hash: number, from = 0, to = e.length / 2): number[] {
  const locs: number[] = [];
  for (let i = from * 2; i < to * 2; i += 2) if (e[i] === hash) locs.push(e[i + 1]!);
  return locs;
}

/**
 * A record page is one string, the encoded records joined by "\n" (JSON escapes newlines inside
 * values, so the separator never occurs in a record): one allocation per read instead of one per record.
 */
export function joinPage(records: string[]): string {
  return records.join('\n');
}

export function splitPage(page: string): string[] {
  return page.split('\n');
}

export function pageRecord(page: string, slot: number): string | undefined {
  let start = 0;
  for (let i = 0; i < slot; i++) {
    const next = page.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = page.indexOf('\n', start);
  return page.slice(start, end === -1 ? page.length : end);
}

/** One overlay entry: a customer written after the build (loc) or deleted (loc = -1), with its index keys. */
export type OverlayEntry = [codigo: string, loc: number, keys: string[]];

/**
 * A stored overlay batch, packed into three values (codes joined by "\n"; each entry's keys joined
 * by "\t", entries by "\n"): the UI thread clones three objects per delta, not fifty thousand.
 */
export interface OverlayBatch {
  c: string;
  l: Int32Array;
  k: string;
}

export function packOverlay(entries: OverlayEntry[]): OverlayBatch {
  return {
    c: entries.map((e) => e[0]).join('\n'),
    l: Int32Array.from(entries, (e) => e[1]),
    k: entries.map((e) => e[2].join('\t')).join('\n'),
  };
}

export function unpackOverlay(batch: OverlayBatch): OverlayEntry[] {
  if (batch.l.length === 0) return [];
  const codes = batch.c.split('\n');
  const keys = batch.k.split('\n');
  return codes.map((codigo, i) => [codigo, batch.l[i]!, keys[i] ? keys[i].split('\t') : []]);
}

/**
 * Where the directory came from last: the back office feed, a file imported on this workstation, or
 * the shipped sample (demo mode: replaced whole, never merged, by the first real directory).
 */
export type DirectorySource = 'server' | 'file' | 'sample';

export interface DirectoryMeta {
  /** Active generation; 0 = nothing stored yet. */
  gen: number;
  /** LAYOUT_VERSION of the active generation (absent: 1, before street and name indexes). */
  layout?: number;
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
  /** Last file import on this workstation since the last snapshot (its rows are kept: see snapshotGuard). */
  fileImportedAt: string | null;
}

export function emptyMeta(): DirectoryMeta {
  return {
    gen: 0,
    lastGen: 0,
    bits: { c: 0, r: 0, p: 0, a: 0, s: 0 },
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
    fileImportedAt: null,
  };
}

export type PageKey = [gen: number, page: number];
export type IndexKey = [gen: number, kind: IndexValueKind, bucket: number];
export type OverlayKey = [gen: number, seq: number];

export function pageKey(gen: number, page: number): PageKey {
  return [gen, page];
}
export function indexKey(gen: number, kind: IndexValueKind, bucket: number): IndexKey {
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
export function kindKey(kind: IndexKind | typeof NAME_KEY, value: string): string {
  return kind + value;
}
