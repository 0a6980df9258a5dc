import { NAME_KEY, unpackOverlay, type OverlayBatch, type OverlayEntry } from './layout';
import { traceStart, yieldToMain } from './yieldToMain';

/**
 * In-memory index of the changes written since the generation was built (a few thousand to a few
 * tens of thousands of customers before a compaction folds them in).
 * - `byCode`: latest location of each changed customer, -1 when deleted. A record of the generation
 *   whose code is here is superseded.
 * - `byKey`: kind-prefixed key → codes that had it at some point; stale entries are harmless because
 *   every candidate is checked against its current record.
 */
export class OverlayIndex {
  readonly byCode = new Map<string, number>();
  readonly byKey = new Map<string, string[]>();
  /** Name word → codes that had it (scanned by prefix; a few thousand words at most). */
  readonly names = new Map<string, string[]>();
  seq = 0;
  entries = 0;

  apply(seq: number, batch: OverlayBatch): void {
    this.applyEntries(seq, unpackOverlay(batch));
  }

  /** Same, in slices with the UI thread free in between (a 10 000-row delta is ~50 000 keys). */
  async applyInSlices(seq: number, batch: OverlayBatch, slice = 1000): Promise<void> {
    const entries = unpackOverlay(batch);
    for (let from = 0; from < entries.length; from += slice) {
      const end = traceStart('directory: overlay slice');
      this.applyEntries(seq, entries.slice(from, from + slice));
      end();
      if (from + slice < entries.length) await yieldToMain();
    }
    this.seq = seq;
  }

  applyEntries(seq: number, entries: OverlayEntry[]): void {
    for (const [codigo, loc, keys] of entries) {
      this.byCode.set(codigo, loc);
      for (const key of keys) {
        const map = key[0] === NAME_KEY ? this.names : this.byKey;
        const k = key[0] === NAME_KEY ? key.slice(1) : key;
        const codes = map.get(k);
        if (!codes) map.set(k, [codigo]);
        else if (!codes.includes(codigo)) codes.push(codigo);
      }
    }
    this.entries += entries.length;
    this.seq = seq;
  }

  /** Current locations of the overlay customers that have (or had) this key. */
  locationsFor(key: string): number[] {
    const codes = this.byKey.get(key);
    if (!codes) return [];
    const locs: number[] = [];
    for (const codigo of codes) {
      const loc = this.byCode.get(codigo);
      if (loc !== undefined && loc >= 0) locs.push(loc);
    }
    return locs;
  }

  /** Current locations of the overlay customers that have (or had) a name word starting with any of `words`. */
  nameLocations(words: readonly string[]): number[] {
    const locs = new Set<number>();
    for (const [word, codes] of this.names) {
      if (!words.some((prefix) => word.startsWith(prefix))) continue;
      for (const codigo of codes) {
        const loc = this.byCode.get(codigo);
        if (loc !== undefined && loc >= 0) locs.add(loc);
      }
    }
    return [...locs];
  }
}
