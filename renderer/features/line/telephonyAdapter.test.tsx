// @vitest-environment jsdom
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { extractCallerId, type CallerId } from '../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { LineState } from '../../../shared/telephony/lineState';
import { TestServices, telephonyServices } from '../../app/testing/testServices';
import { Call, type CallSessionPort, type SessionEnd } from '../call/Call';
import { CallControls } from '../call/CallControls';
import call, { selectCalls } from '../call/callSlice';
import { CallRegistry } from '../call/callRegistry';
import { LineStatus } from './LineStatus';
import line from './lineSlice';
import type { SipLineDelegate } from './SipLine';
import { startTelephony, type TelephonyHandle, type TelephonyLine } from './telephonyAdapter';

class FakeSession implements CallSessionPort {
  onEstablished: (() => void) | null = null;
  onEnded: ((end: SessionEnd) => void) | null = null;
  sent: string[] = [];
  notify: ((status: number | null) => void) | null = null;
  constructor(readonly id: string) {}
  async accept() {
    this.sent.push('accept');
    this.onEstablished?.();
  }
  async reject() {
    this.sent.push('reject');
    this.onEnded?.({ by: 'local' });
  }
  async cancel() {
    this.onEnded?.({ by: 'local' });
  }
  async bye() {
    this.sent.push('bye');
    this.onEnded?.({ by: 'local' });
  }
  async setHold(hold: boolean) {
    this.sent.push(hold ? 'hold' : 'resume');
  }
  setMuted() {}
  sendDtmf(tone: string) {
    this.sent.push(`dtmf ${tone}`);
    return true;
  }
  dialogIds() {
    return { callId: `dialog-${this.id}`, localTag: 'local', remoteTag: 'remote' };
  }
  refreshAnswer: 'ok' | 'gone' | 'failed' = 'ok';
  async refresh() {
    this.sent.push('refresh');
    return this.refreshAnswer;
  }
  async refer(target: string, onProgress: (status: number | null) => void) {
    this.sent.push(`refer ${target}`);
    this.notify = onProgress;
    return 202;
  }
}

class FakeLine implements TelephonyLine {
  started = 0;
  retries = 0;
  constructor(readonly delegate: SipLineDelegate) {}
  start() {
    this.started++;
  }
  async stop() {}
  retryNow() {
    this.retries++;
  }
  uriFor(number: string) {
    return `sip:${number}@companion.test`;
  }
  call(): Call {
    throw new Error('not used');
  }
  ring(id: string, headers: Record<string, string>): FakeSession {
    const session = new FakeSession(id);
    this.delegate.onIncomingCall?.(
      new Call(session, { direction: 'incoming', callerId: extractCallerId(headers) }),
    );
    return session;
  }
  state(state: LineState) {
    this.delegate.onLineState?.(state);
  }
}

let handle: TelephonyHandle | null = null;
let registry = new CallRegistry();
const getCall = (id: string) => registry.get(id);

function Services({ children }: { children: ReactNode }) {
  return <TestServices services={telephonyServices(() => handle, registry)}>{children}</TestServices>;
}

function setup() {
  registry = new CallRegistry();
  const store = configureStore({ reducer: { line, call } });
  const popped: Array<{ callerId: CallerId; callId: string; ringing: boolean }> = [];
  const ended: CallSnapshot[] = [];
  const logged: CallSnapshot[] = [];
  let fake!: FakeLine;
  handle = startTelephony(
    { server: 'ws://127.0.0.1:1', uri: 'sip:1001@companion.test', password: 'x' },
    {
      dispatch: store.dispatch,
      registry,
      onIncomingCall: (callerId, callId) =>
        popped.push({ callerId, callId, ringing: selectCalls(store.getState())[0]?.phase === 'ringing' }),
      onCallEnded: (snapshot) => ended.push(snapshot),
      callLog: (snapshot) => void logged.push(snapshot),
      ringer: null,
      createLine: (_config, delegate) => (fake = new FakeLine(delegate)),
    },
  );
  return { store, popped, ended, logged, fake };
}

afterEach(async () => {
  cleanup();
  await handle?.stop();
  handle = null;
});

describe('telephony adapter', () => {
  it('starts the line and mirrors its state into lineSlice', () => {
    const { store, fake } = setup();
    expect(fake.started).toBe(1);
    act(() => fake.state({ status: 'online', since: 1 }));
    expect(store.getState().line.state).toEqual({ status: 'online', since: 1 });
  });

  it('puts a ringing call in the store before telling the app, with the caller id', () => {
    const { store, popped, fake } = setup();
    fake.ring('c1', { 'P-Asserted-Identity': '<sip:+56912345678@x>', 'X-Customer-Id': '12.345.678-5' });
    expect(popped).toHaveLength(1);
    expect(popped[0]).toMatchObject({ callId: 'c1', ringing: true, callerId: { number: '+56912345678' } });
    expect(popped[0]!.callerId.lookup[0]).toEqual({ by: 'rut', value: '12345678-5' });
    expect(selectCalls(store.getState())).toHaveLength(1);
    expect(getCall('c1')).toBeDefined();
  });

  it('keeps the line working when the app’s pop-up handler throws', () => {
    const store = configureStore({ reducer: { line, call } });
    let fake!: FakeLine;
    handle = startTelephony(
      { server: 'ws://x', uri: 'sip:1@x', password: 'x' },
      {
        dispatch: store.dispatch,
        registry,
        callLog: null,
        onIncomingCall: () => {
          throw new Error('pop-up broke');
        },
        ringer: null,
        createLine: (_c, d) => (fake = new FakeLine(d)),
      },
    );
    const original = console.error;
    console.error = () => undefined;
    try {
      fake.ring('c1', { From: '<sip:+56912345678@x>' });
    } finally {
      console.error = original;
    }
    expect(selectCalls(store.getState())[0]?.phase).toBe('ringing');
  });

  it('drops the live Call from the registry when it ends and reports it for the log', async () => {
    const { ended, fake } = setup();
    const session = fake.ring('c1', { From: '<sip:+56912345678@x>' });
    await getCall('c1')!.reject();
    expect(session.sent).toEqual(['reject']);
    expect(getCall('c1')).toBeUndefined();
    expect(ended.map((c) => c.outcome)).toEqual(['rejected']);
  });
});

describe('telephony adapter: call log', () => {
  it('logs each call at its start, when answered and when it ends, not on every change', async () => {
    const { logged, fake } = setup();
    fake.ring('c1', { From: '<sip:+56912345678@x>' });
    const call = getCall('c1')!;
    await call.answer();
    await call.hold();
    await call.resume();
    await call.hangup();
    expect(logged.map((c) => c.phase)).toEqual(['ringing', 'active', 'ended']);
    expect(logged.at(-1)?.outcome).toBe('answered');
  });
});

describe('LineStatus and CallControls', () => {
  it('shows the line state in a status region, with a retry button when offline', async () => {
    const { store, fake } = setup();
    render(
      <Provider store={store}>
        <Services>
          <LineStatus />
        </Services>
      </Provider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Línea desconectada');
    act(() => fake.state({ status: 'offline', attempt: 0, retryAt: Date.now() + 4500, reason: 'x' }));
    expect(screen.getByRole('status').textContent).toBe('Sin conexión — reintentando en 5 s');
    await userEvent.click(screen.getByRole('button', { name: 'Reintentar línea' }));
    expect(fake.retries).toBe(1);
    act(() => fake.state({ status: 'online', since: 1 }));
    expect(screen.getByRole('status').textContent).toBe('En línea');
    expect(screen.queryByRole('button', { name: 'Reintentar línea' })).toBeNull();
  });

  it('answers, holds, uses the keypad and transfers to Telecobranzas', async () => {
    const { store, fake } = setup();
    const session = fake.ring('c1', { From: '<sip:+56912345678@x>' });
    render(
      <Provider store={store}>
        <Services>
          <CallControls callId="c1" />
        </Services>
      </Provider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    expect(screen.getByRole('button', { name: 'Colgar' })).toBeTruthy();
    expect(screen.getByLabelText('Duración de la llamada').textContent).toBe('00:00');

    await user.click(screen.getByRole('button', { name: 'En espera' }));
    expect(screen.getByRole('button', { name: 'Retomar' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Retomar' }));

    await user.click(screen.getByRole('button', { name: 'Teclado' }));
    await user.click(screen.getByRole('button', { name: '7' }));
    await user.click(screen.getByRole('button', { name: '#' }));

    await user.click(screen.getByRole('button', { name: 'Transferir a Telecobranzas' }));
    expect(screen.getByRole('alert').textContent).toBe('Transfiriendo a 26939901…');
    await act(async () => session.notify?.(200));
    expect(session.sent).toEqual([
      'accept',
      'hold',
      'resume',
      'dtmf 7',
      'dtmf #',
      'refer sip:26939901@companion.test',
      'bye',
    ]);
    expect(screen.getByText('Llamada transferida a Telecobranzas')).toBeTruthy();
  });

  it('shows why a transfer failed and keeps the call', async () => {
    const { store, fake } = setup();
    const session = fake.ring('c2', { From: '<sip:+56912345678@x>' });
    render(
      <Provider store={store}>
        <Services>
          <CallControls callId="c2" telecobranzasNumber="5555" />
        </Services>
      </Provider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    await user.click(screen.getByRole('button', { name: 'Transferir a Telecobranzas' }));
    await act(async () => session.notify?.(480));
    expect(screen.getByRole('alert').textContent).toBe(
      'No se transfirió a 5555: El número de destino no está disponible.',
    );
    expect(screen.getByRole('button', { name: 'Colgar' })).toBeTruthy();
  });

  it('transfers with the keyboard shortcut Alt+T', async () => {
    const { store, fake } = setup();
    const session = fake.ring('c3', { From: '<sip:+56912345678@x>' });
    render(
      <Provider store={store}>
        <Services>
          <CallControls callId="c3" />
        </Services>
      </Provider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    await user.keyboard('{Alt>}t{/Alt}');
    expect(session.sent).toContain('refer sip:26939901@companion.test');
  });
});
