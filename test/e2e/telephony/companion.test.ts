import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callItem,
  incomingCount,
  launchBrowser,
  nextIncoming,
  openLine,
  openParty,
  partyCallState,
  stopLine,
  stopParty,
  waitForLine,
  waitForPartyCall,
} from './helpers';
import { killSippCalls, sippCall } from './rig';

/**
 * Companion mode: the agent keeps another telephony client on the same extension. The app registers
 * one more contact of 1001, so Kamailio forks every call to both; the other device answers, the app
 * only pops (and keeps the pop when the call is answered elsewhere).
 */

let browser: Browser;
let context: BrowserContext;
let app: Page;
let otherDevice: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  ({ browser, context } = await launchBrowser());
  app = await openLine(context, { uri: 'sip:1001@companion.test', password: 'secret', companion: '1' });
  otherDevice = await openParty(browser, { uri: 'sip:1001@companion.test', register: true });
  await waitForLine(app, 'En línea');
});

afterAll(async () => {
  console.log('companion e2e timings', timings);
  killSippCalls();
  if (otherDevice) await stopParty(otherDevice);
  if (app) await stopLine(app);
  await browser?.close();
});

describe('companion mode against the real rig', () => {
  it('pops on the INVITE without answering; the other device answers; the pop stays, logged "contestada en otro equipo"', async () => {
    const already = await incomingCount(app);
    const otherBefore = await otherDevice.evaluate(() => window.party.calls.length);
    const customer = sippCall({
      fromUser: '+56944556677',
      fromName: 'María José',
      headers: ['P-Asserted-Identity: <sip:+56944556677@carrier.example>'],
    });
    const seen = await nextIncoming(app, already, customer);
    expect(seen.callerId).toMatchObject({ number: '+56944556677', numberSource: 'p-asserted-identity' });
    const ringingOnDevice = await waitForPartyCall(otherDevice, {
      direction: 'incoming',
      index: otherBefore,
    });

    const item = callItem(app, seen.callId);
    await item.getByText('Suena en su otro equipo: conteste allí').waitFor();
    expect(await item.getByRole('button', { name: 'Contestar' }).count()).toBe(0);
    expect(await item.getByRole('button', { name: 'Rechazar' }).count()).toBe(0);
    expect(await item.getByRole('textbox', { name: 'Telecobranzas, número' }).inputValue()).toBe('26939901');
    // The other device still rings: the app neither answered nor declined.
    expect(await partyCallState(otherDevice, ringingOnDevice.id)).toBe('Initial');

    const answeredAt = Date.now();
    await otherDevice.evaluate((id) => window.party.answer(id), ringingOnDevice.id);
    await item.getByText('Llamada contestada en otro equipo').waitFor({ timeout: 10_000 });
    timings['answered on the other device → app says "contestada en otro equipo" (ms)'] =
      Date.now() - answeredAt;
    // The pop stays, with the number to transfer from the other device.
    expect(await item.getByRole('button', { name: 'Copiar' }).count()).toBe(1);
    await expect.poll(() => partyCallState(otherDevice, ringingOnDevice.id)).toBe('Established');

    const logged = (await app.evaluate(() => window.telephonyTest.callLog())).find(
      (e) => e.id === seen.callId,
    );
    expect(logged).toMatchObject({
      outcome: 'answered-elsewhere',
      companion: true,
      number: '+56944556677',
      answeredAt: null,
    });
    expect(await app.getByRole('region', { name: 'Perdidas' }).getByRole('listitem').count()).toBe(0);

    await otherDevice.evaluate((id) => window.party.hangup(id), ringingOnDevice.id);
    const { code, output } = await customer.done;
    expect(code, output).toBe(0);
  });

  it('logs the call as "perdida" when nobody answers and the caller gives up', async () => {
    const already = await incomingCount(app);
    const otherBefore = await otherDevice.evaluate(() => window.party.calls.length);
    const caller = await openParty(browser, { uri: 'sip:+56944556677@companion.test' });
    const callerCall = await caller.evaluate(() => window.party.call('sip:1001@companion.test'));
    const seen = await nextIncoming(app, already);
    await waitForPartyCall(otherDevice, { direction: 'incoming', index: otherBefore });
    await caller.evaluate((id) => window.party.hangup(id), callerCall);

    const item = callItem(app, seen.callId);
    await item.getByText('Llamada perdida').waitFor({ timeout: 10_000 });
    const missed = app.getByRole('region', { name: 'Perdidas' }).getByRole('listitem');
    await expect.poll(() => missed.count()).toBe(1);
    expect(await missed.textContent()).toContain('+56944556677');
    // Companion mode: the agent calls back from the other device; the number is there to copy.
    expect(await missed.getByRole('button', { name: 'Devolver llamada' }).count()).toBe(0);
    expect(await missed.getByRole('button', { name: 'Copiar' }).count()).toBe(1);
    await stopParty(caller);
  });
});
