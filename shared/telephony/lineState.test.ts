import { describe, expect, it } from 'vitest';
import {
  INITIAL_LINE_STATE,
  isCredentialsRejection,
  LINE_TRANSITIONS,
  lineLabel,
  lineReducer,
  type LineEvent,
  type LineState,
} from './lineState';

function run(events: LineEvent[], from: LineState = INITIAL_LINE_STATE): LineState {
  return events.reduce(lineReducer, from);
}

describe('lineReducer', () => {
  it('goes Conectando → En línea on the first registration', () => {
    const state = run([{ type: 'start' }, { type: 'registered', at: 1000 }]);
    expect(state).toEqual({ status: 'online', since: 1000 });
    expect(lineLabel(state, 2000)).toBe('En línea');
    expect(lineLabel(run([{ type: 'start' }]), 0)).toBe('Conectando');
  });

  it('counts down to the next retry once the line is lost', () => {
    const state = run([
      { type: 'start' },
      { type: 'registered', at: 0 },
      { type: 'lost', reason: 'WebSocket cerrado', at: 10_000, delayMs: 4200 },
    ]);
    expect(state).toMatchObject({ status: 'offline', retryAt: 14_200, attempt: 0 });
    expect(lineLabel(state, 10_000)).toBe('Sin conexión — reintentando en 5 s');
    expect(lineLabel(state, 13_500)).toBe('Sin conexión — reintentando en 1 s');
    expect(lineLabel(state, 20_000)).toBe('Sin conexión — reintentando en 1 s');
  });

  it('counts consecutive failed retries and comes back online', () => {
    const lost = (at: number): LineEvent => ({ type: 'lost', reason: 'x', at, delayMs: 1000 });
    const state = run([{ type: 'start' }, lost(0), { type: 'retry' }, lost(1), { type: 'retry' }]);
    expect(state).toEqual({ status: 'connecting', attempt: 2 });
    expect(run([{ type: 'registered', at: 5 }], state)).toEqual({ status: 'online', since: 5 });
  });

  it('shows rejected credentials and only leaves on a retry or a stop', () => {
    const rejected = run([
      { type: 'start' },
      { type: 'credentials-rejected', code: 403, at: 0, delayMs: null },
    ]);
    expect(rejected).toEqual({ status: 'rejected', code: 403, retryAt: null });
    expect(lineLabel(rejected, 0)).toBe('Credenciales rechazadas');
    expect(run([{ type: 'registered', at: 1 }], rejected)).toBe(rejected);
    expect(run([{ type: 'lost', reason: 'x', at: 1, delayMs: 1 }], rejected)).toBe(rejected);
    expect(run([{ type: 'retry' }], rejected)).toEqual({ status: 'connecting', attempt: 0 });
  });

  it('ignores events a state does not accept', () => {
    const online = run([{ type: 'start' }, { type: 'registered', at: 0 }]);
    expect(lineReducer(online, { type: 'retry' })).toBe(online);
    expect(lineReducer(online, { type: 'start' })).toBe(online);
    expect(lineReducer(INITIAL_LINE_STATE, { type: 'registered', at: 0 })).toBe(INITIAL_LINE_STATE);
  });

  it('stops from any state but idle', () => {
    for (const status of Object.keys(LINE_TRANSITIONS)) {
      if (status === 'idle') continue;
      expect(LINE_TRANSITIONS[status as keyof typeof LINE_TRANSITIONS].stop).toBe('idle');
    }
  });
});

describe('isCredentialsRejection', () => {
  it('recognises authentication failures only', () => {
    expect([401, 403, 407].every(isCredentialsRejection)).toBe(true);
    expect([404, 408, 480, 500, 503].some(isCredentialsRejection)).toBe(false);
  });
});
