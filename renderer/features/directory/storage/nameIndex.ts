import { done, request, writeTx } from './idb';
import { NAME_KEY, NAME_POSTINGS_CHUNK, STORES, indexKey } from './layout';
import { traceStart, yieldToMain } from './yieldToMain';

/**
 * Name search ("perez jua", words in any order, each the start of a word of the name) on a
 * million customers within the look-up budget. Hashing cannot answer a prefix, so a generation
 * keeps its name words as a sorted vocabulary with, per word, the sorted record locations of the
 * customers whose name has it (an inverted index, as search engines keep one):
 *   vocabulary: the distinct words, sorted, "\n"-joined      [gen, 'n', 0]
 *   offsets:    Uint32Array, word i owns postings [o[i], o[i+1])  [gen, 'n', 1]
 *   postings:   Uint32Array of locations, in chunks          [gen, 'n', 2…]
 * A prefix is a contiguous range of the vocabulary (two binary searches); its customers are the
 * postings of that range. Several words intersect, the rarest first, through a bitset.
 */

/** (word id, location) pairs collected while a generation is built. */
export class NameIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private id = new Uint32Array(1 << 16);
  private loc = new Uint32Array(1 << 16);
  private n = 0;

  add(word: string, location: number): void {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    if (this.n === this.id.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.id = grow(this.id);
      this.loc = grow(this.loc);
    }
    this.id[this.n] = id;
    this.loc[this.n] = location;
    this.n += 1;
  }

  /** Sorted vocabulary, offsets and postings (each word's locations in the order they were added). */
  build(): { vocabulary: string[]; offsets: Uint32Array; postings: Uint32Array } {
    const order = this.words.map((_, i) => i).sort((a, b) => compare(this.words[a]!, this.words[b]!));
    const rank = new Uint32Array(this.words.length);
    order.forEach((id, r) => (rank[id] = r));
    const offsets = new Uint32Array(this.words.length + 1);
    for (let i = 0; i < this.n; i++) offsets[rank[this.id[i]!]! + 1]! += 1;
    for (let r = 0; r < this.words.length; r++) offsets[r + 1]! += offsets[r]!;
    const fill = offsets.slice(0, this.words.length);
    const postings = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const r = rank[this.id[i]!]!;
      postings[fill[r]!] = this.loc[i]!;
      fill[r]! += 1;
    }
    return { vocabulary: order.map((id) => this.words[id]!), offsets, postings };
  }

  /** Writes the index of generation `gen` (the caller commits the generation afterwards). */
  async write(idb: IDBDatabase, gen: number): Promise<void> {
    const { vocabulary, offsets, postings } = this.build();
    const head = writeTx(idb, [STORES.index]);
    head.objectStore(STORES.index).put(vocabulary.join('\n'), indexKey(gen, NAME_KEY, 0));
    head.objectStore(STORES.index).put(offsets, indexKey(gen, NAME_KEY, 1));
    await done(head);
    for (let from = 0, part = 2; from < postings.length; from += NAME_POSTINGS_CHUNK, part++) {
      const tx = writeTx(idb, [STORES.index]);
      tx.objectStore(STORES.index).put(
        postings.slice(from, from + NAME_POSTINGS_CHUNK),
        indexKey(gen, NAME_KEY, part),
      );
      await done(tx);
    }
  }
}

/** Plain code-unit order: the order binary searches over the vocabulary assume. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface NameMatch {
  /** Locations whose name has every word (generation records; the caller skips superseded ones). */
  locations: number[];
  /** How many customers matched in all (before the limit). */
  total: number;
}

/** A generation's name index in memory (about 4 bytes per name word of the directory). */
export class NameIndex {
  private constructor(
    readonly gen: number,
    private readonly vocabulary: string[],
    private readonly offsets: Uint32Array,
    private readonly postings: Uint32Array,
  ) {}

  /** Reads it from IndexedDB in slices (the postings chunk by chunk), or null if the generation has none. */
  static async load(idb: IDBDatabase, gen: number): Promise<NameIndex | null> {
    const read = <T>(part: number) =>
      request(
        idb
          .transaction([STORES.index], 'readonly')
          .objectStore(STORES.index)
          .get(indexKey(gen, NAME_KEY, part)),
      ) as Promise<T | undefined>;
    const [text, offsets] = await Promise.all([read<string>(0), read<Uint32Array>(1)]);
    if (text === undefined || offsets === undefined) return null;
    const total = offsets[offsets.length - 1] ?? 0;
    const postings = new Uint32Array(total);
    for (let from = 0, part = 2; from < total; from += NAME_POSTINGS_CHUNK, part++) {
      const chunk = await read<Uint32Array>(part);
      if (!chunk) return null; // the generation is being dropped
      postings.set(chunk, from);
      await yieldToMain();
    }
    const end = traceStart('directory: name vocabulary');
    const vocabulary = text === '' ? [] : text.split('\n');
    end();
    return new NameIndex(gen, vocabulary, offsets, postings);
  }

  /** [from, to) of the vocabulary words starting with `prefix`. */
  private range(prefix: string): [number, number] {
    const lowerBound = (target: string) => {
      let lo = 0;
      let hi = this.vocabulary.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.vocabulary[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [lowerBound(prefix), lowerBound(`${prefix}\uffff`)];
  }

  /** Customers (generation locations) whose name has a word starting with each of `words`. */
  match(words: readonly string[], limit: number): NameMatch {
    if (words.length === 0) return { locations: [], total: 0 };
    const ranges = words
      .map((word) => this.range(word))
      .map(([from, to]) => ({ from, to, size: this.offsets[to]! - this.offsets[from]! }))
      .sort((a, b) => a.size - b.size);
    if (ranges[0]!.size === 0) return { locations: [], total: 0 };

    // The rarest word's customers (a name may have two words with the prefix: once each).
    const first = ranges[0]!;
    let candidates: Uint32Array = this.postings.slice(this.offsets[first.from]!, this.offsets[first.to]!);
    if (first.to - first.from > 1) candidates = unique(candidates.sort());
    if (ranges.length > 1) {
      let max = 0;
      for (const loc of candidates) if (loc > max) max = loc;
      const bits = new Uint32Array((max >>> 5) + 1);
      for (const range of ranges.slice(1)) {
        bits.fill(0);
        const end = this.offsets[range.to]!;
        for (let i = this.offsets[range.from]!; i < end; i++) {
          const loc = this.postings[i]!;
          if (loc <= max) bits[loc >>> 5]! |= 1 << (loc & 31);
        }
        candidates = candidates.filter((loc) => (bits[loc >>> 5]! & (1 << (loc & 31))) !== 0);
        if (candidates.length === 0) break;
      }
    }
    return { locations: Array.from(candidates.subarray(0, limit)), total: candidates.length };
  }
}

/** Sorted → without repeats. */
function unique(sorted: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}
