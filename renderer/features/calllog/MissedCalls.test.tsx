// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServices, telephonyServices } from '../../app/testing/testServices';
import { CompanionDb } from '../../db/db';
import { CallRegistry } from '../call/callRegistry';
import call from '../call/callSlice';
import line from '../line/lineSlice';
import type { SipLineConfig } from '../line/SipLine';
import { startTelephony, type TelephonyHandle } from '../line/telephonyAdapter';
import { FakeLine } from '../line/testing/fakeLine';
import { CallLog } from './callLogRepo';
import { MissedCalls } from './MissedCalls';

const db = new CompanionDb();
const log = new CallLog(db);
const callLogSettled = () => log.settled();
const getLoggedCall = (id: string) => log.getLoggedCall(id);
const setCallCustomer = (id: string, codigo: string, blocks: string[]) =>
  log.setCallCustomer(id, codigo, blocks);
let handle: TelephonyHandle | null = null;
let answerCall: (id: string) => Promise<void> = async () => undefined;

function setup(config: Partial<SipLineConfig> = {}) {
  const store = configureStore({ reducer: { line, call } });
  const registry = new CallRegistry();
  let fake!: FakeLine;
  // The app's call log: IndexedDB.
  handle = startTelephony(
    { server: 'ws://127.0.0.1:1', uri: 'sip:1001@companion.test', password: 'x', ...config },
    {
      dispatch: store.dispatch,
      registry,
      callLog: (snapshot, telecobranzas) => log.recordCall(snapshot, telecobranzas),
      ringer: null,
      createLine: (c, d) => (fake = new FakeLine(d, c)),
    },
  );
  const services = { ...telephonyServices(() => handle, registry), callLog: log };
  answerCall = (id) => services.calls.answer(id);
  render(
    <Provider store={store}>
      <TestServices services={services}>
        <MissedCalls />
      </TestServices>
    </Provider>,
  );
  return { fake };
}

beforeEach(async () => {
  await db.calls.clear();
});

afterEach(async () => {
  cleanup();
  await handle?.stop();
  handle = null;
});

describe('Perdidas', () => {
  it('lists the calls the caller gave up on, with the customer, and calls back', async () => {
    const { fake } = setup();
    await screen.findByText('No hay llamadas perdidas.');
    const missed = fake.ring('m1', {
      'P-Asserted-Identity': '<sip:+56944556677@carrier>',
      From: '"María" <sip:x@y>',
    });
    void setCallCustomer('m1', '90000003', ['Z1']);
    act(() => missed.onEnded?.({ by: 'remote-cancel', completedElsewhere: false }));
    // An answered call is not "perdida".
    fake.ring('a1', { From: '<sip:+56922222222@x>' });
    await act(() => answerCall('a1'));
    await callLogSettled();

    const item = await screen.findByRole('listitem');
    expect(item.textContent).toContain('+56944556677');
    expect(item.textContent).toContain('María');
    expect(item.textContent).toContain('Cliente 90000003');
    expect(item.textContent).toContain('Bloqueo Z1');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);

    await userEvent.setup().click(within(item).getByRole('button', { name: 'Devolver llamada' }));
    expect(fake.dialled.map((d) => d.number)).toEqual(['+56944556677']);
    await callLogSettled();
    expect(await getLoggedCall('m1')).toMatchObject({ callBackId: 'out-1' });
    expect((await within(item).findByText(/Devuelta/)).textContent).toMatch(/Devuelta \d\d:\d\d/);
    // The call back is in the log too, as an outgoing call.
    expect(await getLoggedCall('out-1')).toMatchObject({ direction: 'outgoing', number: '+56944556677' });
  });

  it('does not list a companion-mode call answered on the other device, and offers numbers to copy', async () => {
    const { fake } = setup({ companionMode: true });
    const elsewhere = fake.ring('e1', { From: '<sip:+56944556677@x>' });
    act(() => elsewhere.onEnded?.({ by: 'remote-cancel', completedElsewhere: true }));
    const missed = fake.ring('m2', { From: '<sip:+56933333333@x>' });
    act(() => missed.onEnded?.({ by: 'remote-cancel', completedElsewhere: false }));
    await callLogSettled();
    const item = await screen.findByRole('listitem');
    expect(item.textContent).toContain('+56933333333');
    expect(within(item).queryByRole('button', { name: 'Devolver llamada' })).toBeNull();
    expect(within(item).getByRole('button', { name: 'Copiar' })).toBeTruthy();
    expect(fake.dialled).toEqual([]);
    expect(await getLoggedCall('e1')).toMatchObject({ outcome: 'answered-elsewhere' });
  });

  it('invents nothing while the line is down: only INVITEs that arrived are logged', async () => {
    const { fake } = setup();
    act(() => fake.state({ status: 'offline', attempt: 0, retryAt: Date.now() + 1000, reason: 'x' }));
    act(() => fake.state({ status: 'connecting', attempt: 1 }));
    act(() => fake.state({ status: 'online', since: Date.now() }));
    await callLogSettled();
    expect(await db.calls.count()).toBe(0);
    await screen.findByText('No hay llamadas perdidas.');
  });
});
