/**
 * When to try the line again after losing it: exponential backoff with full jitter
 * (a random delay between a floor and min(cap, base · factor^attempt)), so that a hundred
 * agents whose PBX restarted do not all reconnect in the same second. Reset on success.
 */
export interface BackoffOptions {
  /** Ceiling of the first attempt's window, ms. */
  baseMs?: number;
  /** Largest window, ms. */
  capMs?: number;
  factor?: number;
  /** Smallest delay, ms: a zero delay would hammer a server that refuses at once. */
  floorMs?: number;
  /** Uniform random in [0, 1); injectable for tests. */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 1000, capMs: 30_000, factor: 2, floorMs: 250 } as const;

/** Delay before retry number `attempt` (0 for the first retry after a loss). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const capMs = options.capMs ?? DEFAULT_BACKOFF.capMs;
  const factor = options.factor ?? DEFAULT_BACKOFF.factor;
  const floorMs = Math.min(options.floorMs ?? DEFAULT_BACKOFF.floorMs, capMs);
  const random = options.random ?? Math.random;
  // Exponent clamped so huge attempt counts stay finite.
  const window = Math.min(capMs, baseMs * factor ** Math.min(Math.max(attempt, 0), 60));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(Math.max(floorMs, r * window));
}

/** Stateful counter over `backoffDelay`: each call to `next()` widens the window until `reset()`. */
export class ReconnectPolicy {
  private attempts = 0;

  constructor(private readonly options: BackoffOptions = {}) {}

  /** Number of retries scheduled since the last success. */
  get attempt(): number {
    return this.attempts;
  }

  next(): number {
    const delay = backoffDelay(this.attempts, this.options);
    this.attempts += 1;
    return delay;
  }

  reset(): void {
    this.attempts = 0;
  }
}
