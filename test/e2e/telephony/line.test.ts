import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callItem,
  incomingCount,
  launchBrowser,
  lineText,
  nextIncoming,
  openLine as openLineIn,
  stopLine,
  waitForLine,
  withSippStory,
  hangupLeftovers,
} from './helpers';
import { crashKamailio, kamailioLog, killSippCalls, sippCall, startRig } from './rig';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const timings: Record<string, number> = {};

const openLine = (params: Record<string, string>) => openLineIn(context, params);

beforeAll(async () => {
  ({ browser, context } = await launchBrowser());
  const started = Date.now();
  page = await openLine({ uri: 'sip:1001@companion.test', password: 'secret' });
  await waitForLine(page, 'En línea');
  timings['page load → En línea (ms)'] = Date.now() - started;
});

afterEach(async () => {
  if (page) await hangupLeftovers(page);
});

afterAll(async () => {
  console.log('telephony e2e timings', timings);
  killSippCalls();
  if (page) await stopLine(page);
  await browser?.close();
});

describe('the agent line against the real rig', () => {
  it('pops the call with the asserted caller id, answers it through rtpengine and hangs up', async () => {
    const already = await incomingCount(page);
    const sentAt = Date.now();
    const customer = sippCall({
      fromUser: '+56911111111',
      fromName: '<b>Juan</b> \\"Pérez\\"',
      headers: ['P-Asserted-Identity: <sip:0056987654321@127.0.0.1;user=phone>'],
    });
    const seen = await nextIncoming(page, already, customer);
    timings['sipp start → incoming call seen by the page (ms)'] = seen.wall - sentAt;
    expect(seen.callerId).toMatchObject({
      label: '+56987654321',
      number: '+56987654321',
      numberSource: 'p-asserted-identity',
    });

    const item = callItem(page, seen.callId);
    await expect.poll(() => item.locator('.caller').textContent()).toBe('+56987654321');
    // The display name is shown as text, markup and all: never interpreted.
    expect(await item.locator('.display-name').textContent()).toBe('<b>Juan</b> "Pérez"');
    expect(await item.locator('b').count()).toBe(0);

    const answerAt = Date.now();
    await item.getByRole('button', { name: 'Contestar' }).click();
    await item.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });
    timings['Contestar → call active, ICE+DTLS via rtpengine (ms)'] = Date.now() - answerAt;

    // Media really flows from the plain-RTP caller (sipp plays a PCMA recording) to the WebRTC agent.
    await expect
      .poll(() => page.evaluate(() => window.telephonyTest.audioPacketsReceived()), { timeout: 10_000 })
      .toBeGreaterThan(20);
    await item.getByRole('button', { name: 'Colgar' }).click();
    const { code, output } = await customer.done;
    expect(code, output).toBe(0);
    await item.locator('[data-call-phase="ended"]').waitFor();
    expect(await item.textContent()).toContain('Llamada contestada');
  });

  it('takes the IVR customer id first, and survives a malformed caller id', async () => {
    const already = await incomingCount(page);
    const customer = sippCall({
      fromUser: 'not-a-number',
      fromName: 'x',
      headers: ['P-Asserted-Identity: <<<garbage', 'X-Customer-Id: 12.345.678-5', 'Remote-Party-ID: ;;;'],
    });
    const seen = await nextIncoming(page, already, customer);
    expect(seen.callerId.label).toBe('Número desconocido');
    expect(seen.callerId.lookup).toEqual([{ by: 'rut', value: '12345678-5' }]);
    const item = callItem(page, seen.callId);
    await expect.poll(() => item.locator('.caller').textContent()).toBe('Número desconocido');
    await item.getByRole('button', { name: 'Rechazar' }).click();
    const { code, output } = await customer.done;
    expect(code, output).toBe(0);
    await item.locator('[data-call-phase="ended"]').waitFor();
    expect(await item.textContent()).toContain('Llamada rechazada');
    expect(await lineText(page)).toBe('En línea');
  });

  it('comes back by itself after Kamailio is killed and restarted, and sees the next call', async () => {
    crashKamailio();
    const crashedAt = Date.now();
    await waitForLine(page, /^Sin conexión — reintentando en \d+ s$/, 10_000);
    timings['Kamailio killed → "Sin conexión" shown (ms)'] = Date.now() - crashedAt;

    // Down for a few seconds, as a PBX restart is: the line keeps retrying with backoff.
    await page.waitForTimeout(3000);
    expect(await lineText(page)).toMatch(/^(Sin conexión — reintentando en \d+ s|Conectando)$/);

    startRig('kamailio');
    const restartedAt = Date.now();
    await waitForLine(page, 'En línea', 15_000);
    timings['Kamailio back → "En línea" again (ms)'] = Date.now() - restartedAt;
    const states = await page.evaluate(() => window.telephonyTest.lineStates);
    expect(states.slice(-3)).toEqual(['offline', 'connecting', 'online']);

    const already = await incomingCount(page);
    const customer = sippCall({ fromUser: '+56922222222', fromName: 'Ana' });
    const seen = await nextIncoming(page, already, customer);
    expect(seen.callerId).toMatchObject({ number: '+56922222222', numberSource: 'from', displayName: 'Ana' });
    await callItem(page, seen.callId).getByRole('button', { name: 'Rechazar' }).click();
    const { code, output } = await customer.done;
    expect(code, output).toBe(0);
  });

  it('transfers to Telecobranzas with REFER: accepted, the agent leg ends', async () => {
    const already = await incomingCount(page);
    const customer = sippCall({
      fromUser: '+56933333333',
      scenario: 'call-agent-refer.xml',
      keys: { notify_status: '200 OK' },
    });
    const seen = await nextIncoming(page, already, customer);
    const item = callItem(page, seen.callId);
    await withSippStory(customer, async () => {
      await item.getByRole('button', { name: 'Contestar' }).click();
      await item.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });

      const transferAt = Date.now();
      await item.getByRole('button', { name: 'Transferir a Telecobranzas' }).click();
      await item.locator('[data-call-phase="ended"]').waitFor({ timeout: 15_000 });
      timings['Transferir → agent leg ended (ms)'] = Date.now() - transferAt;
    });
    expect(await item.textContent()).toContain('Llamada transferida a Telecobranzas');

    const { code, output } = await customer.done;
    expect(code, output).toBe(0);
    expect(output).toMatch(/refer-to=\s*<?sip:26939901@companion\.test>?\s/);
  });

  it('keeps the call with the reason when the transfer fails', async () => {
    const already = await incomingCount(page);
    const customer = sippCall({
      fromUser: '+56944444444',
      scenario: 'call-agent-refer.xml',
      keys: { notify_status: '404 Not Found' },
    });
    const seen = await nextIncoming(page, already, customer);
    const item = callItem(page, seen.callId);
    await withSippStory(customer, async () => {
      await item.getByRole('button', { name: 'Contestar' }).click();
      await item.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });
      await item.getByRole('button', { name: 'Transferir a Telecobranzas' }).click();

      await expect
        .poll(() => item.getByRole('alert').textContent(), { timeout: 10_000 })
        .toBe('No se transfirió a 26939901: El número de destino no está disponible.');
    });
    expect(await item.locator('[data-call-phase]').getAttribute('data-call-phase')).toBe('active');

    await item.getByRole('button', { name: 'Colgar' }).click();
    const { code, output } = await customer.done;
    expect(code, output).toBe(0);
    expect(await item.textContent()).toContain('Llamada contestada');
  });

  it('says "Credenciales rechazadas" for a wrong password and does not hammer the PBX', async () => {
    const before = (kamailioLog().match(/REGISTER with wrong password for 2000/g) ?? []).length;
    const wrong = await openLine({ uri: 'sip:2000@companion.test', password: 'wrong' });
    await waitForLine(wrong, 'Credenciales rechazadas');
    await wrong.waitForTimeout(4000);
    expect(await lineText(wrong)).toBe('Credenciales rechazadas');
    const after = (kamailioLog().match(/REGISTER with wrong password for 2000/g) ?? []).length;
    expect(after - before).toBe(1);
    await wrong.close();
  });
});
