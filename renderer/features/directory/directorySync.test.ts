import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatAge, formatLimit, isStale } from './age';
import { DirectorySync, type DirectorySyncDeps } from './directorySync';
import type { SyncResult } from './engine/syncFromServer';

const RESULT = { kind: 'delta', received: 0 } as SyncResult;

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code, userFacing: true });
}

function setup(overrides: Partial<DirectorySyncDeps> = {}) {
  const finished: Array<[string, string | null]> = [];
  const unauthorized: string[] = [];
  const sync = vi.fn<DirectorySyncDeps['sync']>(async () => RESULT);
  const deps: DirectorySyncDeps = {
    connection: {
      credentials: async () => ({ serverUrl: 'http://central', token: 't' }),
      onUnauthorized: (message) => unauthorized.push(message),
    },
    sync,
    onStarted: () => undefined,
    onProgress: () => undefined,
    onFinished: (status, message) => finished.push([status, message]),
    intervalMs: 60_000,
    retryBaseMs: 1_000,
    signedOutRetryMs: 5_000,
    random: () => 1,
    ...overrides,
  };
  return { scheduler: new DirectorySync(deps), sync: deps.sync as typeof sync, finished, unauthorized };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('keeping the directory current', () => {
  it('syncs at once, then every interval', async () => {
    const { scheduler, sync } = setup();
    scheduler.syncNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(sync.mock.calls[0]![0]).toEqual({ baseUrl: 'http://central', token: 't' });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sync).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sync).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('retries a failed download with growing waits, capped at the interval, and resets on success', async () => {
    let fail = true;
    const { scheduler, sync, finished } = setup({
      sync: vi.fn(async () => {
        if (fail) throw coded('Sin conexión con la central.', 'offline');
        return RESULT;
      }),
    });
    const started = Date.now();
    scheduler.syncNow();
    await vi.advanceTimersByTimeAsync(0);
    const at: number[] = [0];
    for (let i = 0; i < 8; i++) {
      const before = (sync as ReturnType<typeof vi.fn>).mock.calls.length;
      while ((sync as ReturnType<typeof vi.fn>).mock.calls.length === before)
        await vi.advanceTimersByTimeAsync(100);
      at.push(Date.now() - started);
    }
    const waits = at.slice(1).map((t, i) => t - at[i]!);
    // random() = 1: the upper end of the full-jitter window, 1 s · 2ⁿ, never above the 60 s interval.
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(finished.at(-1)).toEqual(['offline', 'Sin conexión con la central.']);
    fail = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(finished.at(-1)).toEqual(['ok', null]);
    scheduler.stop();
  });

  it('waits for a sign-in instead of downloading without credentials', async () => {
    const { scheduler, sync, finished } = setup({
      connection: { credentials: async () => null, onUnauthorized: () => undefined },
    });
    scheduler.syncNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync).not.toHaveBeenCalled();
    expect(finished).toEqual([['signed-out', null]]);
    scheduler.stop();
  });

  it('a refused token asks for a new sign-in and does not hammer the server', async () => {
    const { scheduler, sync, unauthorized, finished } = setup({
      sync: vi.fn(async () => {
        throw coded('La sesión con la central expiró: inicie sesión nuevamente.', 'unauthorized');
      }),
    });
    scheduler.syncNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(unauthorized).toEqual(['La sesión con la central expiró: inicie sesión nuevamente.']);
    expect(finished.at(-1)![0]).toBe('unauthorized');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sync).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('a request during a sync runs exactly one more afterwards', async () => {
    let release: () => void = () => undefined;
    const { scheduler, sync } = setup({
      sync: vi.fn(() => new Promise<SyncResult>((resolve) => (release = () => resolve(RESULT)))),
    });
    scheduler.syncNow();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.syncNow();
    scheduler.syncNow();
    expect(sync).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });
});

describe("the directory's age", () => {
  it('reads as an agent says it', () => {
    expect(formatAge(20_000)).toBe('hace menos de 1 min');
    expect(formatAge(12 * 60_000)).toBe('hace 12 min');
    expect(formatAge(3 * 3_600_000 + 59 * 60_000)).toBe('hace 3 h');
    expect(formatAge(3 * 24 * 3_600_000)).toBe('hace 3 días');
  });

  it('is stale past the limit, and a copy never downloaded has no age to judge', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(isStale('2026-11-25T11:00:00Z', now, 24)).toBe(true);
    expect(isStale('2026-11-25T13:00:00Z', now, 24)).toBe(false);
    expect(isStale('2026-11-26T05:00:00Z', now, 6)).toBe(true);
    expect(isStale(null, now, 24)).toBe(false);
    expect(formatLimit(24)).toBe('24 h');
    expect(formatLimit(1.5)).toBe('1,5 h');
    expect(formatLimit(0.5)).toBe('30 min');
  });
});
