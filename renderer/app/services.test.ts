// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CUSTOMERS as C } from '../../test/fixtures/sampleCustomers';
import { SessionStore } from '../features/session';
import { webPlatform, type EnvDefaults } from '../platform';
import type { AppConfig, CompanionApp } from './services';
import { POP_WAIT_MAX_MS } from './afterPaint';
import { AUTOBATCH_MS } from './store';
import { composeTestApp } from './testing/testApp';

const LINE_ENV: EnvDefaults = {
  sipWs: 'ws://127.0.0.1:1/ws',
  sipUri: 'sip:1001@companion.test',
  sipPassword: 'secreto',
};

let app: CompanionApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
  localStorage.clear();
});

/** The app as main.tsx composes it, with a fake line and its own database. */
function compose(env: EnvDefaults, overrides: Partial<AppConfig> = {}) {
  const composed = composeTestApp(env, overrides);
  app = composed.app;
  return composed;
}

describe('the composition root', () => {
  it('starts nothing until start(), then the saved line; dispose() stops it', async () => {
    const { app, lines } = compose(LINE_ENV);
    expect(lines).toEqual([]);
    await app.start();
    await waitFor(() => expect(lines[0]?.started).toBe(1));
    expect(lines[0]!.config).toMatchObject({ uri: 'sip:1001@companion.test', password: 'secreto' });
    expect(app.store.getState().settings.lineProblem).toBeNull();
    await app.dispose();
    expect(lines[0]!.stopped).toBe(1);
  });

  it('INVITE → pop-up: the caller is found in the local directory and his blocks pop while it rings', async () => {
    const { app, lines } = compose(LINE_ENV);
    await app.start();
    // The demo sample (assets/sample-directory.csv) holds 327 customers.
    expect(app.store.getState().directory.customerCount).toBe(327);
    await waitFor(() => expect(lines[0]).toBeDefined());
    lines[0]!.ring('c1', { 'P-Asserted-Identity': `<sip:${C.z1.telefonos[0]}@carrier>` });
    await waitFor(() => expect(app.store.getState().popup.customer?.codigo).toBe(C.z1.codigo));
    const { popup, call } = app.store.getState();
    expect(popup.open).toBe(true);
    expect(popup.call?.callId).toBe('c1');
    expect(call.byId.c1?.phase).toBe('ringing');
    await app.services.callLog.settled();
    expect(await app.services.callLog.getLoggedCall('c1')).toMatchObject({ customerCode: C.z1.codigo });
    // The call's buttons act on the same call.
    await app.services.calls.answer('c1');
    expect(app.store.getState().call.byId.c1?.phase).toBe('active');
  });

  it('a call whose look-up hangs still gets its call-log entry (the log waits for the pop-up, not for ever)', async () => {
    const { app, lines } = compose(LINE_ENV);
    await app.start();
    await waitFor(() => expect(lines[0]).toBeDefined());
    app.services.search.searchByKeys = () => new Promise<never>(() => undefined);
    lines[0]!.ring('c1', { 'P-Asserted-Identity': `<sip:${C.z1.telefonos[0]}@carrier>` });
    await waitFor(async () => expect(await app.services.callLog.getLoggedCall('c1')).toBeDefined(), {
      timeout: POP_WAIT_MAX_MS * 3,
    });
    expect(app.store.getState().popup.open).toBe(false);
  });

  it('a ringing call reaches the screen with its pop-up in one go (no call bar drawn first), and rings after it', async () => {
    const rings: string[] = [];
    const { app, lines } = compose(LINE_ENV, {
      ringer: { update: (mode) => void rings.push(mode), prepare: () => undefined },
    });
    await app.start();
    await waitFor(() => expect(lines[0]).toBeDefined());
    // What the screen is told: each time the store says something changed, what it shows.
    const seen: string[] = [];
    app.store.subscribe(() => {
      const { call, popup } = app.store.getState();
      seen.push(`${call.byId.c1?.phase ?? '-'}/${popup.open ? 'pop-up' : '-'}`);
    });
    lines[0]!.ring('c1', { 'P-Asserted-Identity': `<sip:${C.z1.telefonos[0]}@carrier>` });
    expect(app.store.getState().call.byId.c1?.phase).toBe('ringing');
    expect(seen).toEqual([]);
    expect(rings).toEqual([]);
    await waitFor(() => expect(app.store.getState().popup.customer?.codigo).toBe(C.z1.codigo));
    expect(seen[0]).toBe('ringing/pop-up');
    await waitFor(() => expect(rings).toEqual(['ring']));
  });

  it('a ringing call whose look-up never ends still shows, alone, a moment later', async () => {
    const { app, lines } = compose(LINE_ENV);
    await app.start();
    await waitFor(() => expect(lines[0]).toBeDefined());
    const stuck = new Promise<never>(() => undefined);
    app.services.search.searchByKeys = () => stuck;
    const seen: string[] = [];
    app.store.subscribe(() => seen.push(app.store.getState().call.byId.c1?.phase ?? '-'));
    lines[0]!.ring('c1', { 'P-Asserted-Identity': `<sip:${C.z1.telefonos[0]}@carrier>` });
    expect(seen).toEqual([]);
    await waitFor(() => expect(seen).toContain('ringing'), { timeout: AUTOBATCH_MS * 10 });
    expect(app.store.getState().popup.open).toBe(false);
  });

  it('with the line changed in "Configuración", the old line stops before the new one starts', async () => {
    const { app, lines } = compose(LINE_ENV);
    await app.start();
    await waitFor(() => expect(lines).toHaveLength(1));
    const settings = app.store.getState().settings.line;
    expect(
      await app.services.line.applySettings({ ...settings, sipUri: 'sip:1002@companion.test' }, null),
    ).toBeNull();
    expect(lines).toHaveLength(2);
    expect(lines[0]!.stopped).toBe(1);
    expect(lines[1]!.config.uri).toBe('sip:1002@companion.test');
  });

  it('a build without demo data loads no sample', async () => {
    const { app } = compose(LINE_ENV, { demo: null });
    await app.start();
    expect(app.store.getState().directory.customerCount).toBe(0);
  });

  it('a sign-in in another window shows here once its write lands, though its announcement came first', async () => {
    const { app } = compose(LINE_ENV);
    await app.start();
    expect(app.store.getState().session.status).toBe('signed-out');
    // The other window wrote the session; its BroadcastChannel announcement was read here before
    // the write was visible (nothing then). The browser now fires 'storage' for the write itself.
    const otherWindow = new SessionStore(webPlatform(localStorage), localStorage);
    await otherWindow.writeToken('token-b');
    otherWindow.save({
      serverUrl: 'http://127.0.0.1:1',
      username: 'beto',
      displayName: 'Beto Soto',
      role: 'agent',
      expiresAt: '2099-01-01T00:00:00Z',
      lifetimeMs: 12 * 3_600_000,
      obtainedAt: Date.now(),
      state: 'active',
      message: null,
    });
    window.dispatchEvent(
      new StorageEvent('storage', {
        key: 'companion.backoffice.session',
        newValue: localStorage.getItem('companion.backoffice.session'),
        storageArea: localStorage,
      }),
    );
    await waitFor(() =>
      expect(app.store.getState().session).toMatchObject({ status: 'active', username: 'beto' }),
    );
  });
});
