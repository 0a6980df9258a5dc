import type { CompanionDb } from '../../db/db';
import type { CallLog } from './callLogRepo';

export const DEFAULT_RETENTION_DAYS = 90;
export const MAX_RETENTION_DAYS = 3650;
const META_KEY = 'callLog.retentionDays';
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

/** The retention the agent typed, or the Spanish reason it is not one. */
export function parseRetentionDays(text: string): { ok: true; days: number } | { ok: false; reason: string } {
  const trimmed = text.trim();
  const days = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || days < 1 || days > MAX_RETENTION_DAYS)
    return { ok: false, reason: `Indique un número entero de días entre 1 y ${MAX_RETENTION_DAYS}.` };
  return { ok: true, days };
}

/**
 * How long this workstation keeps its call history (a setting of the profile, in IndexedDB), and
 * the pruning it drives: at start, every six hours and when the setting changes. Pruning only
 * forgets calls the back office already has (CallLog.prune). Made by the composition root.
 */
export class CallLogRetention {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: CompanionDb,
    private readonly log: Pick<CallLog, 'prune'>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async days(): Promise<number> {
    const stored = (await this.db.meta.get(META_KEY))?.value;
    return typeof stored === 'number' && Number.isInteger(stored) && stored >= 1
      ? stored
      : DEFAULT_RETENTION_DAYS;
  }

  /** Saves a new retention and prunes by it at once; returns how many calls were forgotten. */
  async setDays(days: number): Promise<number> {
    const parsed = parseRetentionDays(String(days));
    if (!parsed.ok) throw new Error(parsed.reason);
    await this.db.meta.put({ key: META_KEY, value: parsed.days });
    return this.log.prune(parsed.days, this.now());
  }

  async pruneNow(): Promise<number> {
    return this.log.prune(await this.days(), this.now());
  }

  start(): void {
    if (this.timer) return;
    const run = () => void this.pruneNow().catch(this.onError);
    run();
    this.timer = setInterval(run, PRUNE_EVERY_MS);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
