import { describe, expect, it } from 'vitest';
import type { BoardFilters, CallsWidget } from '../../../shared/api/board';
import type { ApiResult } from '../../backoffice/client';
import type { BoardApi } from './boardApi';
import type { BoardEventHandlers } from './boardEvents';
import { BoardService, cacheKey, type BoardCache } from './boardService';

const calls = (n: number, filters: BoardFilters = {}): CallsWidget => ({
  asOf: '2026-03-10T15:00:00.000Z',
  filters: {
    from: '2026-02-09',
    to: '2026-03-10',
    team: null,
    agent: null,
    block: filters.block ?? null,
    formType: null,
    ticketType: null,
    procedure: null,
  },
  applies: ['from', 'to', 'team', 'agent', 'block'],
  totals: { calls: n, blockedCalls: 0, missed: 0 },
  perDay: [],
  perBlock: [],
});

function setup(answers: Array<(filters: BoardFilters) => ApiResult<unknown>>) {
  const requests: BoardFilters[] = [];
  let handlers: BoardEventHandlers | null = null;
  const store = new Map<string, { data: unknown; receivedAt: number }>();
  const cache: BoardCache = {
    load: async (k) => store.get(k) ?? null,
    save: async (k, v) => void store.set(k, v),
  };
  const api: BoardApi = {
    options: async () => ({
      ok: false,
      failure: { kind: 'network', message: 'Sin conexión con la central.' },
    }),
    widget: async (name, filters) => {
      if (name !== 'calls') return { ok: false, failure: { kind: 'network', message: 'x' } };
      requests.push(filters);
      const answer = answers.shift() ?? answers[answers.length - 1]!;
      return answer(filters) as never;
    },
    rows: async () => ({ ok: false, failure: { kind: 'network', message: 'x' } }),
    credentials: async () => null,
  };
  let clock = 1_000;
  const service = new BoardService({
    api,
    cache,
    listen: (h) => {
      handlers = h;
      return () => {};
    },
    now: () => clock,
  });
  return { service, requests, store, handlers: () => handlers!, tick: (ms: number) => (clock += ms) };
}

const ok =
  (n: number) =>
  (f: BoardFilters): ApiResult<unknown> => ({ ok: true, value: calls(n, f), serverDate: null });
const down: () => ApiResult<unknown> = () => ({
  ok: false,
  failure: { kind: 'network', message: 'Sin conexión con la central.' },
});

describe('board service', () => {
  it('refreshes the widgets a live change touches', async () => {
    const t = setup([ok(1), ok(2)]);
    await t.service.start();
    expect(t.service.getSnapshot().widgets.calls.data?.totals.calls).toBe(1);
    t.handlers().onChange(['calls']);
    await new Promise((r) => setTimeout(r, 0));
    expect(t.service.getSnapshot().widgets.calls.data?.totals.calls).toBe(2);
    t.handlers().onChange(['tickets']);
    expect(t.requests).toHaveLength(2);
  });

  it('offline, shows the last figures it had for these filters, with their age and the reason', async () => {
    const first = setup([ok(7)]);
    await first.service.start();
    const saved = first.store;
    const second = setup([down]);
    for (const [k, v] of saved) second.store.set(k, v);
    second.tick(60_000);
    await second.service.start();
    const widget = second.service.getSnapshot().widgets.calls;
    expect(widget).toMatchObject({
      fromCache: true,
      receivedAt: 1_000,
      error: 'Sin conexión con la central.',
    });
    expect(widget.data?.totals.calls).toBe(7);
  });

  it('keeps the figures on screen when a refresh fails, and drops answers for old filters', async () => {
    const t = setup([ok(3), down]);
    await t.service.start();
    await t.service.refresh(['calls']);
    expect(t.service.getSnapshot().widgets.calls).toMatchObject({
      error: 'Sin conexión con la central.',
      fromCache: false,
    });
    expect(t.service.getSnapshot().widgets.calls.data?.totals.calls).toBe(3);
    expect(cacheKey('calls', { to: 'b', from: 'a' })).toBe(cacheKey('calls', { from: 'a', to: 'b' }));
  });
});
