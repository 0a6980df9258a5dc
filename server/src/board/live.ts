import {
  BOARD_CHANGE_SOURCES,
  type BoardChange,
  type BoardChangeSource as ChangeSource,
} from '../../../shared/api/board';
import type { Db } from '../db/types';

/** What changed: the roll-up triggers name their table (migration 006, `board_touch`). */
const SOURCES: readonly string[] = BOARD_CHANGE_SOURCES;

/**
 * One LISTEN per process, fanned out to every open board. Committed changes arrive as NOTIFYs;
 * bursts are folded so a board hears at most one change per `minIntervalMs` (the first at once,
 * the rest at the end of the interval), which keeps a busy intake from making every board
 * re-query several times a second.
 */
export class BoardChanges {
  private readonly listeners = new Set<(change: BoardChange) => void>();
  private pending = new Set<ChangeSource>();
  private lastSent = 0;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async start(db: Db): Promise<void> {
    this.unlisten = await db.listen('board_changed', (payload) => {
      // null: the listening connection came back; anything may have changed meanwhile.
      const sources = payload === null ? SOURCES : [payload];
      for (const source of sources) if (SOURCES.includes(source)) this.pending.add(source as ChangeSource);
      this.flushSoon();
    });
  }

  subscribe(listener: (change: BoardChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  private flushSoon(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + this.minIntervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const change: BoardChange = { sources: [...this.pending], at: new Date(this.now()).toISOString() };
    this.pending = new Set();
    this.lastSent = this.now();
    for (const listener of this.listeners) listener(change);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
    await this.unlisten?.();
    this.unlisten = null;
  }
}
