/**
 * The one retry schedule of Companion: exponential backoff with full jitter ("Exponential Backoff
 * and Jitter", AWS Architecture Blog): retry n waits a uniform random time in
 * [floor, min(cap, base · factor^n)). A hundred agents whose PBX restarted, or whose back office
 * came back after an outage, spread their retries over the window instead of arriving together.
 * Used by the line (LineSupervisor), the outbox sender (SyncController), the directory sync
 * (DirectorySync) and the server's mail worker.
 */
export interface BackoffOptions {
  /** Ceiling of the first retry's window, ms. */
  baseMs?: number;
  /** Largest window, ms. */
  capMs?: number;
  factor?: number;
  /** Smallest delay, ms: a zero delay would hammer a server that refuses at once. */
  floorMs?: number;
  /** Uniform random in [0, 1); injected so tests (and callers that need determinism) choose it. */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 1000, capMs: 30_000, factor: 2, floorMs: 250 } as const;

/** Delay before retry number `retry` (0 for the first retry after a failure). */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const capMs = options.capMs ?? DEFAULT_BACKOFF.capMs;
  const factor = options.factor ?? DEFAULT_BACKOFF.factor;
  const floorMs = Math.min(options.floorMs ?? DEFAULT_BACKOFF.floorMs, capMs);
  const random = options.random ?? Math.random;
  // Exponent clamped so huge retry counts stay finite.
  const window = Math.min(capMs, baseMs * factor ** Math.min(Math.max(retry, 0), 60));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(Math.max(floorMs, r * window));
}

/** A retry counter over `backoffDelay`: each `next()` widens the window until `reset()`. */
export class Backoff {
  private retries = 0;

  constructor(private readonly options: BackoffOptions = {}) {}

  /** Retries scheduled since the last success. */
  get attempt(): number {
    return this.retries;
  }

  next(): number {
    const delay = backoffDelay(this.retries, this.options);
    this.retries += 1;
    return delay;
  }

  reset(): void {
    this.retries = 0;
  }
}
