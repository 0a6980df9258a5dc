import type { ApiFailure } from '../../backoffice/client';

/**
 * When a batch keeps failing with a server error, is it the server or one of the items? Pure rules
 * (the sender holds the state and the clock): a batch that failed with the same item-suspect error
 * `failuresBeforeSplit` times in a row, over at least `minStuckMs`, is split in halves to find the
 * item; a single item that then fails `failuresBeforePark` times in a row, while the server answers
 * its health probe and other items go through, is parked (kept locally with a reason, editable and
 * sendable again) so it no longer holds the items behind it.
 */
export interface IsolationPolicy {
  failuresBeforeSplit: number;
  /** The batch must have been failing at least this long: a short blip (a restart) splits nothing. */
  minStuckMs: number;
  failuresBeforePark: number;
}

export const DEFAULT_ISOLATION: IsolationPolicy = {
  failuresBeforeSplit: 3,
  minStuckMs: 30_000,
  failuresBeforePark: 3,
};

/** The batch at the head of a queue that keeps failing, as the sender remembers it between drains. */
export interface StuckBatch {
  /** The batch's first item id: the same head means the same items are stuck. */
  headId: string;
  failures: number;
  /** The sender's clock at the first failure of this run. */
  since: number;
}

/**
 * Does this failure point at the items sent? A 500 (or another 5xx the server itself answered) does;
 * a gateway's 502/504, a 503, anything with Retry-After, a timeout or a refused connection say the
 * server is away or busy, which no item causes: those never lead to parking anything.
 */
export function isItemSuspect(failure: ApiFailure): boolean {
  if (failure.kind !== 'server') return false;
  if (failure.status < 500 || failure.status === 502 || failure.status === 503 || failure.status === 504)
    return false;
  return failure.retryAfterS === undefined;
}

/** Updates the memory of the stuck head after a failed request for the batch starting at `headId`. */
export function recordFailure(
  stuck: StuckBatch | null,
  headId: string,
  failure: ApiFailure,
  now: number,
): StuckBatch | null {
  // A transient failure neither counts nor forgets: the run of 500s goes on after an outage.
  if (!isItemSuspect(failure)) return stuck;
  if (stuck && stuck.headId === headId) return { ...stuck, failures: stuck.failures + 1 };
  return { headId, failures: 1, since: now };
}

export function shouldSplit(stuck: StuckBatch | null, policy: IsolationPolicy, now: number): boolean {
  return !!stuck && stuck.failures >= policy.failuresBeforeSplit && now - stuck.since >= policy.minStuckMs;
}

/**
 * The most failed requests an isolation may spend before any item gets through: enough to walk down
 * to one bad item (log₂ n splits) and retry it and a bad neighbour; past it with nothing through, the
 * server fails for everything (a broken deployment, not an item) and nothing is parked.
 */
export function failureBudget(items: number, policy: IsolationPolicy): number {
  return Math.ceil(Math.log2(Math.max(1, items))) + 2 * policy.failuresBeforePark + 1;
}

/**
 * Whether the items that failed alone may be parked once the isolation is over: only when the
 * server is up (other items went through, or its health probe answered) and the failures were the
 * items' own — another item went through, or the batch was that single item.
 */
export function mayPark(input: { healthy: boolean; itemsTried: number; itemsThrough: number }): boolean {
  return input.healthy && (input.itemsThrough > 0 || input.itemsTried === 1);
}
