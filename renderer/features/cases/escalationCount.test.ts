import { describe, expect, it } from 'vitest';
import { EscalationCount, type LiveHandlers } from './escalationCount';

function setup(counts: number[]) {
  let handlers: LiveHandlers | null = null;
  let stopped = 0;
  let fetches = 0;
  const service = new EscalationCount({
    fetchOpen: async () => {
      fetches += 1;
      const next = counts.shift();
      if (next === undefined) throw new Error('offline');
      return next;
    },
    listen: (h) => {
      handlers = h;
      return () => (stopped += 1);
    },
  });
  return {
    service,
    live: () => handlers!,
    fetches: () => fetches,
    stopped: () => stopped,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the count of open escalations next to the menu entry', () => {
  it('is read when the live channel connects and again on every escalation change, not on others', async () => {
    const t = setup([2, 3]);
    const seen: Array<number | null> = [];
    t.service.subscribe(() => seen.push(t.service.current()));
    t.service.start();
    expect(t.service.current()).toBeNull();
    t.live().onState('live');
    await settle();
    expect(t.service.current()).toBe(2);
    t.live().onChange(['forms', 'calls']);
    await settle();
    expect(t.fetches()).toBe(1);
    t.live().onChange(['forms', 'escalations']);
    await settle();
    expect(seen).toEqual([2, 3]);
  });

  it('offline keeps the last count; signing out forgets it and stops listening', async () => {
    const t = setup([4]);
    t.service.start();
    t.live().onState('live');
    await settle();
    t.live().onChange(['escalations']);
    await settle();
    expect(t.service.current()).toBe(4);
    t.service.stop();
    expect(t.stopped()).toBe(1);
    expect(t.service.current()).toBeNull();
  });

  it('an answer that arrives after sign-out is dropped', async () => {
    let release: (n: number) => void = () => {};
    let handlers: LiveHandlers | null = null;
    const service = new EscalationCount({
      fetchOpen: () => new Promise<number>((resolve) => (release = resolve)),
      listen: (h) => {
        handlers = h;
        return () => {};
      },
    });
    service.start();
    handlers!.onState('live');
    service.stop();
    release(9);
    await settle();
    expect(service.current()).toBeNull();
  });
});
