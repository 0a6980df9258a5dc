// @vitest-environment jsdom
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { RingMode } from '../../../shared/telephony/ringing';
import { TestServices, telephonyServices } from '../../app/testing/testServices';
import line from '../line/lineSlice';
import type { SipLineConfig } from '../line/SipLine';
import { startTelephony, type TelephonyHandle } from '../line/telephonyAdapter';
import { FakeLine } from '../line/testing/fakeLine';
import { CallControls } from './CallControls';
import { CallRegistry } from './callRegistry';
import call from './callSlice';

let handle: TelephonyHandle | null = null;
let registry = new CallRegistry();

function setup(config: Partial<SipLineConfig> = {}) {
  const store = configureStore({ reducer: { line, call } });
  const logged: CallSnapshot[] = [];
  const rings: RingMode[] = [];
  let fake!: FakeLine;
  registry = new CallRegistry();
  handle = startTelephony(
    { server: 'ws://127.0.0.1:1', uri: 'sip:1001@companion.test', password: 'x', ...config },
    {
      dispatch: store.dispatch,
      registry,
      callLog: (snapshot) => void logged.push(snapshot),
      ringer: { update: (mode) => void rings.push(mode) },
      createLine: (c, delegate) => (fake = new FakeLine(delegate, c)),
    },
  );
  const show = (...ids: string[]) =>
    render(
      <Provider store={store}>
        <TestServices services={telephonyServices(() => handle, registry)}>
          {ids.map((id) => (
            <section key={id} aria-label={`llamada ${id}`}>
              <CallControls callId={id} caseId="CASE-7" shortcut={false} />
            </section>
          ))}
        </TestServices>
      </Provider>,
    );
  return { store, fake: () => fake, logged, rings, show };
}

afterEach(async () => {
  cleanup();
  await handle?.stop();
  handle = null;
});

const PAI = { 'P-Asserted-Identity': '<sip:+56944556677@carrier>' };

describe('CallControls', () => {
  it('companion mode: pops without answer buttons, offers the Telecobranzas number to copy, keeps it after the other device answers', async () => {
    const { fake, show, logged } = setup({ companionMode: true });
    const session = fake().ring('c1', PAI);
    show('c1');
    expect(screen.getByText('Suena en su otro equipo: conteste allí')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Contestar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rechazar' })).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Telecobranzas, número' }) as HTMLInputElement).value).toBe(
      '26939901',
    );

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Copiar' }));
    expect(await navigator.clipboard.readText()).toBe('26939901');
    expect(screen.getByText('Copiado')).toBeTruthy();

    act(() => session.onEnded?.({ by: 'remote-cancel', completedElsewhere: true }));
    expect(screen.getByText('Llamada contestada en otro equipo')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copiar' })).toBeTruthy();
    expect(session.sent).toEqual([]);
    expect(logged.at(-1)).toMatchObject({ outcome: 'answered-elsewhere', companion: true });
  });

  it('call waiting: a second call rings softly, and answering it puts the first on hold', async () => {
    const { fake, show, rings } = setup();
    const first = fake().ring('c1', PAI);
    show('c1', 'c2');
    const user = userEvent.setup();
    await user.click(
      within(screen.getByRole('region', { name: 'llamada c1' })).getByRole('button', { name: 'Contestar' }),
    );
    // The ringer ignores repeats; what matters is the sequence of changes.
    const changes = () => rings.filter((mode, i) => i === 0 || mode !== rings[i - 1]);
    expect(changes()).toEqual(['ring', 'off']);

    let second!: ReturnType<FakeLine['ring']>;
    act(() => {
      second = fake().ring('c2', { From: '<sip:+56922222222@x>' });
    });
    expect(changes()).toEqual(['ring', 'off', 'waiting']);
    // A ringing call reaches the screen with its pop-up or a moment later (callRang): not at once.
    const waiting = within(screen.getByRole('region', { name: 'llamada c2' }));
    expect(await waiting.findByText('Llamada en espera: contestar pone en espera la actual')).toBeTruthy();
    await user.click(waiting.getByRole('button', { name: 'Contestar' }));
    expect(first.sent).toEqual(['accept', 'hold']);
    expect(second.sent).toEqual(['accept']);
    expect(changes()).toEqual(['ring', 'off', 'waiting', 'off']);
    expect(within(screen.getByRole('region', { name: 'llamada c1' })).getByText('En espera')).toBeTruthy();
  });

  it('sends the case id with the transfer to Telecobranzas', async () => {
    const { fake, show } = setup();
    const session = fake().ring('c1', PAI);
    show('c1');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    await user.click(screen.getByRole('button', { name: 'Transferir a Telecobranzas' }));
    expect(session.sent).toContain('refer sip:26939901@companion.test?X-Companion-Case=CASE-7');
  });

  it('attended transfer: consult 2000, then complete with Replaces', async () => {
    const { fake, show } = setup();
    const session = fake().ring('c1', PAI);
    show('c1');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    await user.click(screen.getByRole('button', { name: 'Consultar…' }));
    await user.type(screen.getByRole('textbox', { name: 'Número a consultar' }), '2000');
    await user.click(screen.getByRole('button', { name: 'Llamar' }));

    expect(session.sent).toEqual(['accept', 'hold']);
    expect(fake().dialled.map((d) => [d.number, d.options?.consultFor])).toEqual([['2000', 'c1']]);
    expect(screen.getByText(/Llamando a 2000…/)).toBeTruthy();
    const complete = screen.getByRole('button', { name: 'Completar transferencia' }) as HTMLButtonElement;
    expect(complete.disabled).toBe(true);

    act(() => fake().dialled[0]!.session.onEstablished?.());
    expect(screen.getByText(/En consulta con 2000/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Completar transferencia' }));
    expect(session.sent.at(-1)).toBe(
      'refer sip:2000@companion.test?Replaces=out-1%40pbx%3Bto-tag%3Dtheirs%3Bfrom-tag%3Dours',
    );
    await act(async () => session.notify?.(200));
    expect(screen.getByText('Llamada transferida a 2000')).toBeTruthy();
  });

  it('attended transfer: back to the customer hangs up the consult and resumes', async () => {
    const { fake, show } = setup();
    const session = fake().ring('c1', PAI);
    show('c1');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    await user.click(screen.getByRole('button', { name: 'Consultar…' }));
    await user.type(screen.getByRole('textbox', { name: 'Número a consultar' }), '2000');
    await user.click(screen.getByRole('button', { name: 'Llamar' }));
    act(() => fake().dialled[0]!.session.onEstablished?.());
    await user.click(screen.getByRole('button', { name: 'Volver al cliente' }));
    expect(fake().dialled[0]!.session.sent).toEqual(['bye']);
    expect(session.sent).toEqual(['accept', 'hold', 'resume']);
    expect(screen.getByRole('button', { name: 'En espera' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Consultar…' })).toBeTruthy();
  });

  it('says when the line dropped during the call, and when it is back', async () => {
    const { fake, show } = setup();
    const session = fake().ring('c1', PAI);
    show('c1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Contestar' }));
    // The adapter's LiveCalls lives in SipLine; the fake line tells the call directly.
    const getCall = (id: string) => registry.get(id);
    act(() => getCall('c1')!.connectionLost());
    expect(screen.getByText('Sin conexión con la central')).toBeTruthy();
    await act(async () => getCall('c1')!.connectionRestored());
    expect(screen.getByText('Se recuperó la conexión con la central; la llamada sigue.')).toBeTruthy();
    expect(session.sent).toEqual(['accept', 'refresh']);
  });
});
