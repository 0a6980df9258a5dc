import { done, request, writeTx } from './idb';
import { NAME_KEY, NAME_POSTINGS_CHUNK, STORES, indexKey, pageOf } from './layout';
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
  /** Locations whose name has every word, ascending (generation records; the caller skips superseded ones). */
  locations: number[];
  /** How many customers matched in all; a lower bound when `exact` is false. */
  total: number;
  exact: boolean;
}

/** Up to this many postings of the rarest word are walked to count every match exactly. */
const EXACT_COUNT_BUDGET = 100_000;

/** A generation's name index in memory (about 4 bytes per name word of the directory). */
export class NameIndex {
  private readonly maxLocation: number;

  private constructor(
    readonly gen: number,
    private readonly vocabulary: string[],
    private readonly offsets: Uint32Array,
    private readonly postings: Uint32Array,
  ) {
    let max = 0;
    for (const loc of postings) if (loc > max) max = loc;
    this.maxLocation = max;
  }

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

  /**
   * Customers (generation locations, ascending) whose name has a word starting with each of
   * `words`, at most `limit` of them. Cost: the postings of the words' ranges, walked once; the
   * rarest word's are walked in order (a merge of its words' sorted lists) and stop early once
   * `limit` are found if counting them all would cost more than EXACT_COUNT_BUDGET.
   */
  match(words: readonly string[], limit: number): NameMatch {
    const none = { locations: [], total: 0, exact: true };
    if (words.length === 0 || this.postings.length === 0) return none;
    const ranges = words
      .map((word) => this.range(word))
      .map(([from, to]) => ({ from, to, size: this.offsets[to]! - this.offsets[from]! }))
      .sort((a, b) => a.size - b.size);
    const [rarest, ...others] = ranges;
    if (rarest!.size === 0) return none;

    // The other words as bitsets over every location of the generation.
    const bitsets = others.map((range) => {
      const bits = new Uint32Array((this.maxLocation >>> 5) + 1);
      const end = this.offsets[range.to]!;
      for (let i = this.offsets[range.from]!; i < end; i++) {
        const loc = this.postings[i]!;
        bits[loc >>> 5]! |= 1 << (loc & 31);
      }
      return bits;
    });
    const exact = rarest!.size <= EXACT_COUNT_BUDGET;
    const matches: number[] = [];
    this.ascending(rarest!.from, rarest!.to, (loc) => {
      for (const bits of bitsets) if ((bits[loc >>> 5]! & (1 << (loc & 31))) === 0) return true;
      matches.push(loc);
      // Counting everything costs too much here: a few times `limit`, to pick dense pages from.
      return exact || matches.length < limit * 4;
    });
    return { locations: fewestPages(matches, limit), total: matches.length, exact };
  }

  /**
   * Visits the postings of vocabulary words [from, to) in ascending order, each location once,
   * until `visit` returns false. A plain loop for one word; a heap merge for several.
   */
  private ascending(from: number, to: number, visit: (loc: number) => boolean): void {
    if (to - from === 1) {
      const end = this.offsets[to]!;
      for (let i = this.offsets[from]!; i < end; i++) if (!visit(this.postings[i]!)) return;
      return;
    }
    // k-way merge with a binary heap of (location, cursor, end) per word.
    const heap: Array<[number, number, number]> = [];
    const push = (item: [number, number, number]) => {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (heap[parent]![0] <= heap[i]![0]) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    };
    const pop = (): [number, number, number] => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && heap[l]![0] < heap[m]![0]) m = l;
          if (r < heap.length && heap[r]![0] < heap[m]![0]) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i]!, heap[m]!];
          i = m;
        }
      }
      return top;
    };
    for (let w = from; w < to; w++) {
      const start = this.offsets[w]!;
      const end = this.offsets[w + 1]!;
      if (start < end) push([this.postings[start]!, start, end]);
    }
    let previous = -1;
    while (heap.length > 0) {
      const [loc, at, end] = pop();
      if (at + 1 < end) push([this.postings[at + 1]!, at + 1, end]);
      if (loc !== previous && !visit(loc)) return;
      previous = loc;
    }
  }
}

/**
 * `limit` of the matches, taken from the pages holding the most of them: each page is one
 * IndexedDB read, so a common name shows its first customers from a few pages instead of one
 * page each. Ascending order within the choice.
 */
function fewestPages(matches: number[], limit: number): number[] {
  if (matches.length <= limit) return matches;
  const perPage = new Map<number, number>();
  for (const loc of matches) {
    const page = pageOf(loc);
    perPage.set(page, (perPage.get(page) ?? 0) + 1);
  }
  const chosen = new Set<number>();
  let taken = 0;
  for (const [page, n] of [...perPage].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    if (taken >= limit) break;
    chosen.add(page);
    taken += n;
  }
  return matches.filter((loc) => chosen.has(pageOf(loc))).slice(0, limit);
}
