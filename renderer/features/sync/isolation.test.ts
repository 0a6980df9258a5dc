import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../../backoffice/client';
import {
  DEFAULT_ISOLATION,
  failureBudget,
  isItemSuspect,
  mayPark,
  recordFailure,
  shouldSplit,
  type StuckBatch,
} from './isolation';

const e500: ApiFailure = { kind: 'server', status: 500, message: 'Error interno' };
const policy = { ...DEFAULT_ISOLATION, minStuckMs: 10_000 };

describe('which failures point at the items sent', () => {
  it('a 500 does; an outage, a busy server or a gateway do not', () => {
    expect(isItemSuspect(e500)).toBe(true);
    expect(isItemSuspect({ kind: 'server', status: 507, message: '' })).toBe(true);
    for (const failure of [
      { kind: 'server', status: 503, message: '' },
      { kind: 'server', status: 502, message: '' },
      { kind: 'server', status: 504, message: '' },
      { kind: 'server', status: 500, message: '', retryAfterS: 30 },
      { kind: 'server', status: 429, message: '' },
      { kind: 'server', status: 200, message: 'Respuesta inesperada' },
      { kind: 'network', message: 'ECONNREFUSED' },
      { kind: 'timeout', message: 'lento' },
    ] as ApiFailure[])
      expect(isItemSuspect(failure), JSON.stringify(failure)).toBe(false);
  });
});

describe('when a stuck head batch is split (injected clock)', () => {
  it('after the third 500 on the same head, and only once it has failed for minStuckMs', () => {
    let stuck: StuckBatch | null = null;
    stuck = recordFailure(stuck, 'a', e500, 1_000);
    stuck = recordFailure(stuck, 'a', e500, 2_000);
    expect(shouldSplit(stuck, policy, 2_000)).toBe(false);
    stuck = recordFailure(stuck, 'a', e500, 3_000);
    expect(stuck).toEqual({ headId: 'a', failures: 3, since: 1_000 });
    expect(shouldSplit(stuck, policy, 3_000), 'three failures within 2 s: a blip').toBe(false);
    stuck = recordFailure(stuck, 'a', e500, 11_000);
    expect(shouldSplit(stuck, policy, 11_000)).toBe(true);
  });

  it('a new head starts counting again', () => {
    let stuck = recordFailure(null, 'a', e500, 0);
    stuck = recordFailure(stuck, 'a', e500, 20_000);
    stuck = recordFailure(stuck, 'b', e500, 30_000);
    expect(stuck).toEqual({ headId: 'b', failures: 1, since: 30_000 });
    expect(shouldSplit(stuck, policy, 60_000)).toBe(false);
  });

  it('outages and 503s with Retry-After neither count nor reset the run', () => {
    let stuck = recordFailure(null, 'a', e500, 0);
    for (const failure of [
      { kind: 'network', message: 'ECONNREFUSED' },
      { kind: 'server', status: 503, message: '', retryAfterS: 5 },
      { kind: 'timeout', message: '' },
    ] as ApiFailure[])
      stuck = recordFailure(stuck, 'a', failure, 50_000);
    expect(stuck).toEqual({ headId: 'a', failures: 1, since: 0 });
    expect(recordFailure(null, 'a', { kind: 'network', message: '' }, 0)).toBeNull();
    expect(shouldSplit(null, policy, 1e9)).toBe(false);
  });
});

describe('parking', () => {
  it('only with the server healthy and another item through (or the item alone)', () => {
    expect(mayPark({ healthy: true, itemsTried: 5, itemsThrough: 4 })).toBe(true);
    expect(mayPark({ healthy: true, itemsTried: 1, itemsThrough: 0 })).toBe(true);
    expect(mayPark({ healthy: false, itemsTried: 5, itemsThrough: 4 })).toBe(false);
    expect(mayPark({ healthy: true, itemsTried: 5, itemsThrough: 0 }), 'all fail: the server').toBe(false);
  });

  it('the failure budget lets the walk reach one bad item and its bad neighbour, not every item', () => {
    expect(failureBudget(1, DEFAULT_ISOLATION)).toBe(7);
    expect(failureBudget(500, DEFAULT_ISOLATION)).toBe(9 + 7);
  });
});
