// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServices, telephonyServices } from '../../app/testing/testServices';
import { CompanionDb } from '../../db/db';
import { CallRegistry } from '../call/callRegistry';
import call from '../call/callSlice';
import line from '../line/lineSlice';
import { startTelephony, type TelephonyHandle } from '../line/telephonyAdapter';
import { FakeLine } from '../line/testing/fakeLine';
import { sessionReducer } from '../session';
import { syncReducer } from '../sync';
import { CallHistory } from './CallHistory';
import { CallHistorySettings } from './CallHistorySettings';
import { CallLog } from './callLogRepo';
import { CallLogRetention } from './retention';

const db = new CompanionDb('call-history-test');
const log = new CallLog(db);
let handle: TelephonyHandle | null = null;

function setup() {
  const store = configureStore({ reducer: { line, call, sync: syncReducer, session: sessionReducer } });
  const registry = new CallRegistry();
  let fake!: FakeLine;
  handle = startTelephony(
    { server: 'ws://127.0.0.1:1', uri: 'sip:1001@companion.test', password: 'x' },
    {
      dispatch: store.dispatch,
      registry,
      callLog: (snapshot, telecobranzas) => log.recordCall(snapshot, telecobranzas),
      ringer: null,
      createLine: (c, d) => (fake = new FakeLine(d, c)),
    },
  );
  const retention = new CallLogRetention(db, log, () => undefined);
  const services = {
    ...telephonyServices(() => handle, registry),
    callLog: log,
    callLogRetention: retention,
  };
  render(
    <Provider store={store}>
      <TestServices services={services}>
        <CallHistory />
        <CallHistorySettings />
      </TestServices>
    </Provider>,
  );
  return { fake, answer: (id: string) => services.calls.answer(id) };
}

beforeEach(async () => {
  await db.calls.clear();
  await db.meta.clear();
});

afterEach(async () => {
  cleanup();
  await handle?.stop();
  handle = null;
});

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('Historial de llamadas', () => {
  it('lists every outcome, filters by number, code and outcome, and calls back', async () => {
    const { fake, answer } = setup();
    await screen.findByText('Aún no hay llamadas en este equipo.');
    const missed = fake.ring('m1', { 'P-Asserted-Identity': '<sip:+56944556677@carrier>' });
    void log.setCallCustomer('m1', '90000003', ['Z1']);
    act(() => missed.onEnded?.({ by: 'remote-cancel', completedElsewhere: false }));
    const answered = fake.ring('a1', { From: '<sip:+56922222222@x>' });
    void log.setCallCustomer('a1', '90000777', ['ZB']);
    await act(() => answer('a1'));
    act(() => answered.onEnded?.({ by: 'remote-bye' }));
    await log.settled();

    await screen.findByText('contestada');
    expect(rows()).toHaveLength(2);
    expect(rows()[0]!.textContent).toContain('+56922222222');
    expect(rows()[1]!.textContent).toMatch(/\+56944556677.*90000003.*Z1.*perdida/);
    expect(screen.getByRole('status').textContent).toBe(
      'Sin central configurada: las llamadas se guardan solo en este equipo.',
    );

    const user = userEvent.setup();
    const search = screen.getByLabelText('Buscar en el historial');
    await user.type(search, '9 4455 6677');
    // The filtered list arrives from IndexedDB after the keystrokes: wait for it, not for a row.
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('perdida');
    await user.clear(search);
    await user.type(search, 'zb');
    // The filtered list arrives from IndexedDB after the keystrokes: wait for it, not for a row.
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('contestada');
    await user.clear(search);
    await user.selectOptions(screen.getByLabelText('Resultado'), 'missed');
    // The filtered list arrives from IndexedDB after the keystrokes: wait for it, not for a row.
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('perdida');

    await user.click(within(rows()[0]!).getByRole('button', { name: /^Devolver llamada/ }));
    expect(fake.dialled.map((d) => d.number)).toEqual(['+56944556677']);
    await log.settled();
    expect(await log.getLoggedCall('m1')).toMatchObject({ callBackId: 'out-1' });
    expect(await log.getLoggedCall('out-1')).toMatchObject({ callBackOf: 'm1', direction: 'outgoing' });
  });

  it('the retention setting refuses a wrong number in Spanish and prunes only uploaded calls', async () => {
    const { fake } = setup();
    const longAgo = Date.now() - 60 * 86_400_000;
    for (const id of ['old-sent', 'old-pending']) {
      const ringing = fake.ring(id, { From: '<sip:+56911111111@x>' });
      act(() => ringing.onEnded?.({ by: 'remote-cancel', completedElsewhere: false }));
    }
    await log.settled();
    await db.calls.toCollection().modify({ startedAt: longAgo });
    await log.applyUploadVerdicts([{ id: 'old-sent', status: 'accepted' }]);
    const days = await screen.findByDisplayValue('90');
    const user = userEvent.setup();
    await user.clear(days);
    await user.type(days, 'diez');
    await user.click(screen.getByRole('button', { name: 'Aplicar' }));
    expect((await screen.findByText(/Indique un número entero/)).textContent).toBe(
      'Indique un número entero de días entre 1 y 3650.',
    );
    await user.clear(days);
    await user.type(days, '30{Enter}');
    await screen.findByText('Se conservan 30 días de llamadas. Se borró 1 llamada antigua.');
    expect((await db.calls.toArray()).map((c) => c.id)).toEqual(['old-pending']);
    expect(await new CallLogRetention(db, log, () => undefined).days()).toBe(30);
  });
});
