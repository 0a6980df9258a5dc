import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrainOutcome } from './sender';
import { SyncController, type ControllerDeps, type SenderStatus } from './syncController';

const failed = (kind: 'server' | 'network' = 'server'): DrainOutcome => ({
  kind: 'failed',
  failure:
    kind === 'server'
      ? { kind, status: 503, message: 'La central respondió 503.' }
      : { kind, message: 'reset' },
  ids: ['a'],
  sent: 0,
  rejected: 0,
});
const drained: DrainOutcome = { kind: 'drained', sent: 1, rejected: 0 };

function setup(outcomes: DrainOutcome[], overrides: Partial<ControllerDeps> = {}) {
  const statuses: SenderStatus[] = [];
  const marks: Array<{ ids: string[]; message: string }> = [];
  const drain = vi.fn(async () => outcomes.shift() ?? drained);
  const unreachable = vi.fn();
  const controller = new SyncController({
    drain,
    markFailed: async (ids, message) => void marks.push({ ids, message }),
    onStatus: (s) => statuses.push(s),
    onUnauthorized: async () => false,
    onUnreachable: unreachable,
    onSuccess: () => undefined,
    backoffBaseMs: 1_000,
    backoffMaxMs: 60_000,
    random: () => 0.5,
    ...overrides,
  });
  return { controller, drain, statuses, marks, unreachable };
}

describe('sender scheduling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backs off exponentially (with jitter) while the server fails, then drains', async () => {
    const { controller, drain, statuses, marks } = setup([failed(), failed(), failed()]);
    controller.kick('manual');
    await controller.idle();
    expect(statuses.at(-1)).toMatchObject({
      phase: 'waiting',
      error: 'La central respondió 503.',
      failures: 1,
    });
    expect(marks[0]).toEqual({ ids: ['a'], message: 'La central respondió 503.' });

    await vi.advanceTimersByTimeAsync(499); // 0.5 × 1 s
    expect(drain).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(999); // 0.5 × 2 s
    expect(drain).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(2_000); // 0.5 × 4 s
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(4);
    expect(statuses.at(-1)).toMatchObject({ phase: 'idle', error: null, failures: 0 });
  });

  it('a new form does not cut the backoff short; "Reintentar central" does', async () => {
    const { controller, drain } = setup([failed(), failed()], { random: () => 0.99 });
    controller.kick('manual');
    await controller.idle();
    controller.kick('queued');
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(1);
    controller.kick('manual');
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('network failures ask the reachability monitor to check', async () => {
    const { controller, unreachable } = setup([failed('network')]);
    controller.kick('manual');
    await controller.idle();
    expect(unreachable).toHaveBeenCalledTimes(1);
  });

  it('a 401 pauses until something urgent (a sign-in) happens', async () => {
    const onUnauthorized = vi.fn(async () => false);
    const { controller, drain, statuses } = setup(
      [{ kind: 'unauthorized', message: 'Sesión vencida', token: 't1', sent: 0, rejected: 0 }],
      { onUnauthorized },
    );
    controller.kick('manual');
    await controller.idle();
    expect(onUnauthorized).toHaveBeenCalledWith('Sesión vencida', 't1');
    expect(statuses.at(-1)).toMatchObject({ phase: 'paused', failure: 'unauthorized' });
    controller.kick('queued');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(drain).toHaveBeenCalledTimes(1);
    controller.kick('manual');
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('kicks during a drain coalesce into one more drain', async () => {
    let release!: () => void;
    const drain = vi.fn(
      () =>
        new Promise<DrainOutcome>((resolve) => {
          release = () => resolve(drained);
        }),
    );
    const { controller } = setup([], { drain });
    controller.kick('manual');
    await vi.advanceTimersByTimeAsync(0);
    controller.kick('queued');
    controller.kick('queued');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(drain).toHaveBeenCalledTimes(2);
    release();
    await controller.idle();
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('exclusive work (token renewal) never overlaps a drain', async () => {
    const log: string[] = [];
    let release!: () => void;
    const drain = async () => {
      log.push('drain:start');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('drain:end');
      return drained;
    };
    const { controller } = setup([], { drain });
    controller.kick('manual');
    await vi.advanceTimersByTimeAsync(0);
    const renewal = controller.runExclusive(async () => void log.push('renew'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['drain:start']);
    release();
    await renewal;
    expect(log).toEqual(['drain:start', 'drain:end', 'renew']);
  });
});
