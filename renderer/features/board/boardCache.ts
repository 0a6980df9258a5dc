import type { CompanionDb } from '../../db/db';
import type { BoardCache } from './boardService';

const KEY = 'board.cache';
const KEEP = 40;

type Entry = { key: string; data: unknown; receivedAt: number };

/** The last figures per filters and widget in IndexedDB (the `meta` table), the 40 most recent. */
export function indexedDbBoardCache(db: CompanionDb): BoardCache {
  return {
    async load(key) {
      const entries = ((await db.meta.get(KEY))?.value as Entry[] | undefined) ?? [];
      const entry = entries.find((e) => e.key === key);
      return entry ? { data: entry.data, receivedAt: entry.receivedAt } : null;
    },
    async save(key, value) {
      await db.transaction('rw', db.meta, async () => {
        const entries = ((await db.meta.get(KEY))?.value as Entry[] | undefined) ?? [];
        const next = [{ key, ...value }, ...entries.filter((e) => e.key !== key)].slice(0, KEEP);
        await db.meta.put({ key: KEY, value: next });
      });
    },
  };
}
