// @vitest-environment jsdom
// The Electron pop window's buttons through the real composition root: the card main would draw,
// Contestar, and "Transferir a Telecobranzas" behaving as option 2 of the collections pop-up.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MainEvents, PopAction, PopCard, RendererBridge } from '../../shared/ipc/contract';
import { CASE_HEADER } from '../../shared/telephony/referTo';
import { SAMPLE_CUSTOMERS as C } from '../../test/fixtures/sampleCustomers';
import type { FakeSession } from '../features/line/testing/fakeLine';
import { PopupDialog } from '../features/popup';
import type { EnvDefaults } from '../platform';
import type { CompanionApp } from './services';
import { ServicesProvider } from './servicesContext';
import { composeTestApp } from './testing/testApp';

let app: CompanionApp | null = null;
afterEach(async () => {
  cleanup();
  await app?.dispose();
  app = null;
  localStorage.clear();
});

/** Main's side of the bridge as the main window sees it: the cards it was sent, the buttons to press. */
function fakeDesktop() {
  let onPopAction: ((action: PopAction) => void) | null = null;
  const desktop = {
    popShow: vi.fn(async (_card: PopCard) => undefined),
    popHide: vi.fn(async () => undefined),
    reportShellState: vi.fn(async () => undefined),
    on: vi.fn((event: string, listener: (payload: MainEvents['popAction']) => void) => {
      if (event !== 'popAction') return () => undefined;
      onPopAction = listener;
      return () => (onPopAction = null);
    }),
  };
  return {
    bridge: desktop as unknown as RendererBridge,
    lastCard: () => desktop.popShow.mock.calls.at(-1)?.[0] ?? null,
    listening: () => onPopAction !== null,
    press: (action: PopAction) => act(async () => onPopAction?.(action)),
  };
}

async function agentInCallWithZ1Customer(env: EnvDefaults = {}) {
  const desktop = fakeDesktop();
  const composed = composeTestApp(
    { sipWs: 'ws://127.0.0.1:1/ws', sipUri: 'sip:1001@companion.test', sipPassword: 'secreto', ...env },
    {},
    { kind: 'electron', desktop: desktop.bridge },
  );
  app = composed.app;
  const { store, services } = composed.app;
  render(
    <Provider store={store}>
      <ServicesProvider services={services}>
        <PopupDialog />
      </ServicesProvider>
    </Provider>,
  );
  await act(() => composed.app.start());
  await waitFor(() => expect(composed.lines[0]).toBeDefined());
  let session!: FakeSession;
  act(() => {
    composed.lines[0]!.state({ status: 'online', since: Date.now() });
    session = composed.lines[0]!.ring('c1', { 'P-Asserted-Identity': `<sip:${C.z1.telefonos[0]}@carrier>` });
  });
  await waitFor(() => expect(desktop.lastCard()).toMatchObject({ callId: 'c1', customerName: C.z1.nombre }));
  await desktop.press({ callId: 'c1', action: 'answer' });
  await waitFor(() => expect(store.getState().call.byId.c1?.phase).toBe('active'));
  const dialog = await screen.findByRole('dialog');
  return { desktop, session, dialog, services };
}

const referOf = (session: FakeSession) => session.sent.find((line) => line.startsWith('refer '));

describe('the pop window through the composition root', () => {
  it('nothing listens to the pop window before start(); dispose() stops it', async () => {
    const desktop = fakeDesktop();
    const composed = composeTestApp({}, {}, { kind: 'electron', desktop: desktop.bridge });
    app = composed.app;
    expect(desktop.listening()).toBe(false);
    await composed.app.start();
    expect(desktop.listening()).toBe(true);
    await composed.app.dispose();
    app = null;
    expect(desktop.listening()).toBe(false);
  });

  it('Transferir with the collections form on screen queues what the agent typed first and carries its id as the case', async () => {
    const user = userEvent.setup();
    const { desktop, session, dialog, services } = await agentInCallWithZ1Customer();
    await waitFor(() =>
      expect(desktop.lastCard()).toMatchObject({ canTransfer: true, transferQueuesForm: true }),
    );
    // Typed just now: not yet in the saved draft.
    await user.type(within(dialog).getByLabelText('Horario para contactarlo'), 'después de las 18:00');

    await desktop.press({ callId: 'c1', action: 'transfer' });

    await waitFor(() => expect(referOf(session)).toBeDefined());
    const [entry, ...others] = await services.outbox.recentEntries();
    expect(others).toEqual([]);
    expect(entry!.submission).toMatchObject({
      formId: 'telecobranzas',
      customerCode: C.z1.codigo,
      context: { callId: 'c1' },
      values: { contactSchedule: 'después de las 18:00' },
    });
    expect(referOf(session)).toBe(`refer sip:26939901@companion.test?${CASE_HEADER}=${entry!.id}`);
    expect(within(dialog).getByRole('status').textContent).toContain(
      'Datos para Telecobranzas (transferencia)',
    );
    await waitFor(() => expect(desktop.lastCard()).toMatchObject({ transferQueuesForm: false }));
  });

  it('a collections form that does not validate stops the transfer: nothing queued, the pop says why, the text stays', async () => {
    const user = userEvent.setup();
    const { desktop, session, dialog, services } = await agentInCallWithZ1Customer();
    const phone = within(dialog).getByLabelText(/Teléfono de contacto/);
    await user.clear(phone);
    await user.type(within(dialog).getByLabelText('Horario para contactarlo'), 'mañana');

    await desktop.press({ callId: 'c1', action: 'transfer' });

    await waitFor(() =>
      expect(desktop.lastCard()?.notice).toBe(
        'No se pudo transferir: faltan datos del formulario de Telecobranzas; complételos en «Abrir ficha»',
      ),
    );
    expect(referOf(session)).toBeUndefined();
    expect(await services.outbox.recentEntries()).toEqual([]);
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect((within(dialog).getByLabelText('Horario para contactarlo') as HTMLInputElement).value).toBe(
      'mañana',
    );
  });

  it('with no collections form on screen it is a plain blind transfer to the configured number', async () => {
    const user = userEvent.setup();
    const { desktop, session, dialog, services } = await agentInCallWithZ1Customer({
      telecobranzasNumber: '26930000',
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'El cliente dice que ya le tomaron los datos' }),
    );
    await waitFor(() => expect(desktop.lastCard()).toMatchObject({ transferQueuesForm: false }));

    await desktop.press({ callId: 'c1', action: 'transfer' });

    await waitFor(() => expect(referOf(session)).toBe('refer sip:26930000@companion.test'));
    expect(await services.outbox.recentEntries()).toEqual([]);
  });
});
