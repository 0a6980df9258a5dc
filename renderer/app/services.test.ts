// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CUSTOMERS as C } from '../../test/fixtures/sampleCustomers';
import type { EnvDefaults } from '../platform';
import type { AppConfig, CompanionApp } from './services';
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
    expect(app.store.getState().directory.customerCount).toBe(328);
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
});
