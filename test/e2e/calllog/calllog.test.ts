import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getCalls } from '../../../shared/api/calls';
import { buildRequest } from '../../../shared/api/endpoint';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog } from '../support/app';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshot } from '../support/browser';
import { DEMO, login } from '../sync/support/backOffice';
import { FaultProxy } from '../sync/support/faultProxy';
import { ServerProcess } from '../sync/support/serverProcess';
import { SmtpRecorder } from '../sync/support/smtpRecorder';
import { routeRuntimeEnv } from '../sync/support/workstation';
import { killSippCalls, sippCall } from '../telephony/rig';

const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

const smtp = new SmtpRecorder();
let server: ServerProcess;
let proxy: FaultProxy;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** How many POST /calls/batch the app sent once the back office was back. */
let callUploads = 0;

beforeAll(async () => {
  await smtp.start();
  server = new ServerProcess({ smtpPort: smtp.port });
  await server.start();
  proxy = new FaultProxy(() => server.port, inject('clientTimeoutMs'));
  await proxy.listen();
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  context = await browser.newContext({
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    viewport: { width: 1366, height: 768 },
  });
  // A kiosk workstation whose back office is the proxy (npm run web's COMPANION_SERVER_URL).
  await routeRuntimeEnv(context, proxy.url, 'kiosk');
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await openApp();
});

afterAll(async () => {
  killSippCalls();
  await context?.close();
  await browser?.close();
  await proxy?.close();
  await server?.stop();
  await smtp.stop();
});

async function openApp(): Promise<void> {
  if (page.url() === 'about:blank') await page.goto(inject('callLogAppUrl'));
  else await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.locator('[data-line-status="online"]').waitFor({ timeout: 30_000 });
}

const banner = () => page.getByRole('region', { name: 'Envío a la central' }).getByRole('status');
const history = () => page.getByRole('region', { name: 'Historial de llamadas' });
const row = (id: string) => history().locator(`tr[data-call-id="${id}"]`);

async function seriousAxeIssues(): Promise<string[]> {
  return (await new AxeBuilder({ page: page as never }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The calls the back office holds, as the admin sees them (GET /calls). */
async function storedCalls() {
  const token = await login(server.url, DEMO.admin.username, DEMO.admin.password);
  const request = buildRequest(getCalls, { query: { limit: 500 } });
  const response = await fetch(`${server.url}${request.path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET /calls: ${response.status}`);
  return getCalls.responses[200].parse(await response.json()).calls;
}

describe('the call log reaches the back office once, and the agent sees it in "Llamadas"', () => {
  it('a call finished during an outage is kept across a restart, sent once after, and listed with "Devolver llamada"', async () => {
    await expect
      .poll(() => banner().textContent(), { timeout: 30_000 })
      .toContain('Conectado con la central');

    // The back office goes away.
    proxy.down = true;
    await expect
      .poll(() => banner().textContent(), { timeout: 30_000 })
      .toContain('Sin conexión con la central');

    // A Z1 customer calls; the agent answers on the pop-up and hangs up.
    const number = C.z1.telefonos[0]!;
    const call = sippCall({
      fromUser: number,
      headers: [`P-Asserted-Identity: <sip:${number}@companion.test;user=phone>`],
    });
    await dialog(page).getByRole('button', { name: 'Contestar' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Colgar' }).first().click({ timeout: 15_000 });
    expect((await call.done).code).toBe(0);
    await dialog(page).locator('.popup__footer').getByRole('button', { name: 'Cerrar' }).click();

    await page
      .getByRole('navigation', { name: 'Pantallas' })
      .getByRole('button', { name: 'Llamadas' })
      .click();
    const first = history().locator('tbody tr').first();
    await expect.poll(() => first.getAttribute('data-outcome'), { timeout: 15_000 }).toBe('answered');
    const id = (await first.getAttribute('data-call-id'))!;
    expect(await row(id).getAttribute('data-upload')).toBe('pendiente');
    expect(await row(id).textContent()).toMatch(new RegExp(`${C.z1.codigo}.*Z1.*contestada.*Por enviar`));
    await expect
      .poll(() => history().getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^1 llamada por enviar a la central — Sin conexión con la central/);

    // The workstation restarts during the outage: the call is still there, still to send.
    await openApp();
    await page.getByRole('button', { name: 'Llamadas' }).click();
    await expect.poll(() => row(id).getAttribute('data-upload')).toBe('pendiente');

    // The back office is back, but the answer to the first upload is lost after it stored the call:
    // the app sends it again, and the server keeps it once.
    let lost = 0;
    proxy.plan = (request) => {
      if (request.method !== 'POST' || request.path !== '/calls/batch') return null;
      callUploads += 1;
      return lost++ === 0 ? 'lost-ack' : null;
    };
    proxy.down = false;
    await expect.poll(() => row(id).getAttribute('data-upload'), { timeout: 60_000 }).toBe('enviado');
    proxy.plan = () => null;
    expect(callUploads, 'the upload whose answer was lost was sent again').toBeGreaterThanOrEqual(2);
    const stored = (await storedCalls()).filter((c) => c.id === id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      agent: DEMO.agent.username,
      direction: 'incoming',
      number,
      customerCode: C.z1.codigo,
      blockCodes: ['Z1'],
      outcome: 'answered',
      transferTarget: null,
    });
    expect(Date.parse(stored[0]!.endedAt!)).toBeGreaterThanOrEqual(Date.parse(stored[0]!.answeredAt!));
    await expect
      .poll(() => history().getByRole('status').textContent())
      .toBe('Todas las llamadas terminadas están en la central.');
    expect(await row(id).textContent()).toContain('Enviada');

    // Found by the number as the agent writes it, and "Devolver llamada" is reached by keyboard.
    const search = history().getByLabel('Buscar en el historial');
    await search.fill(number.slice(-8, -4) + ' ' + number.slice(-4));
    await expect.poll(() => history().locator('tbody tr').count()).toBe(1);
    await search.focus();
    await page.keyboard.press('Tab'); // Resultado
    await page.keyboard.press('Tab'); // the row's button
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Devolver llamada');
    await screenshot(page, 'call-history');
    expect(await seriousAxeIssues()).toEqual([]);
    // The history fits the workstation's screen: no horizontal scrolling at 1366×768.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  });

  it('the retention is a setting of Configuración; an uploaded call younger than it stays', async () => {
    await page.getByRole('button', { name: 'Configuración' }).click();
    const days = page.getByLabel('Conservar las llamadas (días)');
    await expect.poll(() => days.inputValue()).toBe('90');
    await days.fill('30');
    await days.press('Enter');
    await page.getByText('Se conservan 30 días de llamadas.').waitFor();
    await days.scrollIntoViewIfNeeded();
    await screenshot(page, 'call-history-retention');
    expect(await seriousAxeIssues()).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
    await page.getByRole('button', { name: 'Llamadas' }).click();
    await history().getByLabel('Buscar en el historial').fill('');
    expect(await history().locator('tbody tr[data-upload="enviado"]').count()).toBe(1);
  });
});
