import { describe, expect, it } from 'vitest';
import { lineLabel, type LineState } from '../../../shared/telephony/lineState';
import type { Clock } from '../../../shared/time/clock';
import { LineSupervisor, RegistrationRejected, type LineStack } from './lineSupervisor';

/** A clock whose time only moves when the test says so. */
class ManualClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  /** Moves time forward, firing due timers in order, letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
    await flush();
  }
  pending(): number {
    return this.timers.size;
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

type Outcome = 'ok' | Error;

/** The PBX as a script: what each connect and REGISTER will do, in order. */
class FakeStack implements LineStack {
  connected = false;
  connects: Outcome[] = [];
  registers: Outcome[] = [];
  /** REGISTERs that never get an answer (a black-holed server). */
  hangRegister = false;
  connectCalls = 0;
  registerCalls = 0;
  shutdowns = 0;
  onTransportLost: ((reason: string) => void) | null = null;
  onRegistrationLost: ((reason: string) => void) | null = null;

  isConnected() {
    return this.connected;
  }
  async connect() {
    this.connectCalls++;
    const outcome = this.connects.shift() ?? 'ok';
    if (outcome !== 'ok') throw outcome;
    this.connected = true;
  }
  register() {
    this.registerCalls++;
    if (this.hangRegister) return new Promise<void>(() => undefined);
    const outcome = this.registers.shift() ?? 'ok';
    return outcome === 'ok' ? Promise.resolve() : Promise.reject(outcome);
  }
  async shutdown() {
    this.shutdowns++;
    this.connected = false;
  }
  /** The PBX dies: the WebSocket closes under us. */
  drop() {
    this.connected = false;
    this.onTransportLost?.('WebSocket cerrado');
  }
}

function setup(options: { random?: () => number; credentialsRetryMs?: number | null } = {}) {
  const clock = new ManualClock();
  const stack = new FakeStack();
  const states: LineState[] = [];
  const supervisor = new LineSupervisor(stack, {
    clock,
    backoff: { baseMs: 1000, capMs: 8000, random: options.random ?? (() => 0.999999) },
    credentialsRetryMs: options.credentialsRetryMs,
    registerTimeoutMs: 5000,
    onState: (s) => states.push(s),
  });
  return { clock, stack, states, supervisor, label: () => lineLabel(supervisor.state, clock.time) };
}

describe('LineSupervisor', () => {
  it('connects, registers and says "En línea"', async () => {
    const { stack, supervisor, states, label, clock } = setup();
    supervisor.start();
    expect(label()).toBe('Conectando');
    await clock.advance(0);
    expect(label()).toBe('En línea');
    expect(states.map((s) => s.status)).toEqual(['connecting', 'online']);
    expect([stack.connectCalls, stack.registerCalls]).toEqual([1, 1]);
  });

  it('after a drop, reconnects and re-registers by itself with growing, capped delays', async () => {
    const { stack, supervisor, label, clock } = setup();
    supervisor.start();
    await clock.advance(0);

    stack.connects = [
      new Error('refused'),
      new Error('refused'),
      new Error('refused'),
      new Error('refused'),
      new Error('refused'),
    ];
    stack.drop();
    expect(label()).toBe('Sin conexión — reintentando en 1 s');

    const retryTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = stack.connectCalls;
      while (stack.connectCalls === before) await clock.advance(100);
      retryTimes.push(clock.time);
    }
    // Windows 1, 2, 4, 8, 8 s (capped) with random at the top of each window.
    const gaps = retryTimes.map((t, i) => t - (i === 0 ? 0 : retryTimes[i - 1]!));
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(label()).toBe('Sin conexión — reintentando en 8 s');

    // The PBX is back: the next try connects and registers again.
    await clock.advance(8000);
    expect(label()).toBe('En línea');
    expect(stack.registerCalls).toBe(2);
  });

  it('starts the backoff over after a success', async () => {
    const { stack, supervisor, clock, label } = setup();
    supervisor.start();
    await clock.advance(0);
    stack.connects = [new Error('x'), new Error('x')];
    stack.drop();
    await clock.advance(1000 + 2000 + 4000);
    expect(label()).toBe('En línea');
    stack.drop();
    expect(label()).toBe('Sin conexión — reintentando en 1 s');
  });

  it('uses jitter: two agents do not retry at the same moment', async () => {
    const a = setup({ random: () => 0.1 });
    const b = setup({ random: () => 0.7 });
    for (const x of [a, b]) {
      x.supervisor.start();
      await x.clock.advance(0);
      x.stack.connects = [new Error('down'), new Error('down')];
      x.stack.drop();
      await x.clock.advance(1000);
    }
    expect(a.supervisor.state).not.toEqual(b.supervisor.state);
    const retryAt = (s: LineState) => (s.status === 'offline' ? s.retryAt : -1);
    expect(retryAt(a.supervisor.state)).not.toBe(retryAt(b.supervisor.state));
  });

  it('re-registers when the registration alone is lost (refresh failed)', async () => {
    const { stack, supervisor, clock, label } = setup();
    supervisor.start();
    await clock.advance(0);
    stack.onRegistrationLost?.('refresh failed');
    expect(label()).toMatch(/^Sin conexión/);
    await clock.advance(1000);
    expect(label()).toBe('En línea');
    // The transport was still up: no new connect, only a new REGISTER.
    expect([stack.connectCalls, stack.registerCalls]).toEqual([1, 2]);
  });

  it('shows "Credenciales rechazadas" and does not hammer the PBX', async () => {
    const { stack, supervisor, clock, label } = setup({ credentialsRetryMs: 60_000 });
    stack.registers = [
      new RegistrationRejected(403, 'Forbidden'),
      new RegistrationRejected(403, 'Forbidden'),
    ];
    supervisor.start();
    await clock.advance(0);
    expect(label()).toBe('Credenciales rechazadas');
    await clock.advance(59_000);
    expect(stack.registerCalls).toBe(1);
    await clock.advance(1000);
    expect(stack.registerCalls).toBe(2);
    expect(label()).toBe('Credenciales rechazadas');
  });

  it('with credentialsRetryMs null, waits for the agent to retry', async () => {
    const { stack, supervisor, clock, label } = setup({ credentialsRetryMs: null });
    stack.registers = [new RegistrationRejected(401, 'Unauthorized')];
    supervisor.start();
    await clock.advance(0);
    await clock.advance(3_600_000);
    expect(stack.registerCalls).toBe(1);
    expect(clock.pending()).toBe(0);
    supervisor.retryNow();
    await clock.advance(0);
    expect(label()).toBe('En línea');
  });

  it('treats other REGISTER failures (e.g. 503) as a loss to retry with backoff', async () => {
    const { stack, supervisor, clock, label } = setup();
    stack.registers = [new RegistrationRejected(503, 'Service Unavailable')];
    supervisor.start();
    await clock.advance(0);
    expect(label()).toMatch(/^Sin conexión — reintentando en/);
    await clock.advance(1000);
    expect(label()).toBe('En línea');
  });

  it('gives up on a REGISTER that never gets an answer and tries again', async () => {
    const { stack, supervisor, clock, label } = setup();
    stack.hangRegister = true;
    supervisor.start();
    await clock.advance(4999);
    expect(label()).toBe('Conectando');
    await clock.advance(1);
    expect(label()).toMatch(/^Sin conexión/);
    stack.hangRegister = false;
    await clock.advance(1000);
    expect(label()).toBe('En línea');
  });

  it('ignores the late answer of an attempt that a drop made moot', async () => {
    const { stack, supervisor, clock } = setup();
    let answer!: () => void;
    stack.register = () => {
      stack.registerCalls++;
      return new Promise<void>((resolve) => (answer = resolve));
    };
    supervisor.start();
    await clock.advance(0);
    stack.drop();
    answer();
    await clock.advance(0);
    expect(supervisor.state.status).toBe('offline');
  });

  it('stops cleanly: no timer left, no retry after stop', async () => {
    const { stack, supervisor, clock, label } = setup();
    supervisor.start();
    await clock.advance(0);
    stack.connects = [new Error('x')];
    stack.drop();
    await supervisor.stop();
    expect(label()).toBe('Línea desconectada');
    expect(clock.pending()).toBe(0);
    await clock.advance(60_000);
    expect(stack.connectCalls).toBe(1);
    expect(stack.shutdowns).toBe(1);
  });
});
