import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAMPLE_CUSTOMERS as C, type SampleCustomer } from '../../fixtures/sampleCustomers';
import { dialog, dialogName } from '../support/app';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshot } from '../support/browser';
import { killSippCalls, sippCall, type SippRun } from '../telephony/rig';

const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
const calls: SippRun[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(inject('appUrl'));
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByRole('status').filter({ hasText: 'En línea' }).waitFor({ timeout: 30_000 });
});

afterEach(async () => {
  // Leave no call ringing for the next test: reject what rings, close what is open.
  for (const button of await page.getByRole('button', { name: 'Rechazar' }).all())
    await button.click().catch(() => undefined);
  await Promise.all(calls.splice(0).map((c) => c.done));
  if (await dialog(page).count())
    await page
      .locator('.popup__footer')
      .getByRole('button', { name: 'Cerrar' })
      .click()
      .catch(() => undefined);
});

afterAll(async () => {
  killSippCalls();
  await context?.close();
  await browser?.close();
});

/** The customer calls from their first phone number, asserted by the carrier. */
function ring(customer: Pick<SampleCustomer, 'telefonos'> | null, extraHeaders: string[] = []): SippRun {
  const number = customer?.telefonos[0] ?? '+56900000000';
  const run = sippCall({
    fromUser: number,
    headers: [`P-Asserted-Identity: <sip:${number}@companion.test;user=phone>`, ...extraHeaders],
  });
  calls.push(run);
  return run;
}

describe('pop while ringing (real call through Kamailio)', () => {
  it.each([
    ['Z1 with open order', C.z1OpenOrder, 'Bloqueo Z1'],
    ['Z0', C.z0, 'Bloqueo Z0'],
    ['ZA', C.za, 'Bloqueo ZA'],
    ['Z3', C.z3AddressMatch, 'Bloqueo Z3'],
    ['Z4', C.z4OpenTicket, 'Bloqueo Z4'],
    ['Z5', C.z5, 'Bloqueo Z5'],
    ['Z9', C.z9, 'Bloqueo Z9'],
    ['ZB', C.zb, 'Bloqueo ZB'],
    ['2M', C.tc2M, 'Bloqueo 2M'],
    ['unknown Z7', C.unknownZ7, 'Bloqueo Z7'],
    // A customer code, not a block code: its own title (issue 14 item 1).
    [
      'replaced code',
      C.replacedWithoutNewCode,
      `Código de cliente ${C.replacedWithoutNewCode.codigo} bloqueado`,
    ],
    ['several blocks', C.multiZ4ZBZ1, 'Bloqueo Z4'],
  ])(
    '%s: the block pop-up is on screen while it rings, with Contestar/Rechazar and the badge',
    async (_l, customer, title) => {
      ring(customer);
      const popup = dialog(page);
      await popup.getByRole('button', { name: 'Contestar' }).waitFor({ timeout: 15_000 });
      expect((await dialogName(page)).startsWith(title)).toBe(true);
      const bar = popup.getByRole('region', { name: 'Llamada' });
      expect(await bar.textContent()).toContain('Llamada entrante');
      expect(await bar.textContent()).toContain(customer.nombre);
      expect(await bar.locator('.badge').allTextContents()).toEqual(
        expect.arrayContaining(customer.bloqueos),
      );
      await popup.getByRole('button', { name: 'Rechazar' }).waitFor();
      if (title === 'Bloqueo Z1') await screenshot(page, 'ringing-z1-popup');
    },
  );

  it('an enabled customer: no block pop-up, the call bar with Contestar on the page', async () => {
    ring(C.noBlock);
    await page.getByRole('button', { name: 'Contestar' }).waitFor({ timeout: 15_000 });
    expect(await dialog(page).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Cliente seleccionado' }).textContent()).toContain(
      'Cliente habilitado',
    );
  });

  it('a number shared by several customers opens a picker; the choice pops that customer', async () => {
    expect(C.z3PhoneMatch.telefonos[0]).toBe(C.z3PhoneTarget.telefonos[0]);
    ring(C.z3PhoneMatch);
    const picker = page.getByRole('dialog', { name: /^Varios clientes para/ });
    await picker.waitFor({ timeout: 15_000 });
    expect(await picker.locator('tbody tr').count()).toBe(2);
    await picker.getByRole('button', { name: new RegExp(`Elegir .*\\(${C.z3PhoneMatch.codigo}\\)`) }).click();
    expect((await dialogName(page)).startsWith('Bloqueo Z3')).toBe(true);
    await dialog(page).getByRole('button', { name: 'Contestar' }).waitFor();
  });

  it('an unknown caller opens the search with the number filled in', async () => {
    ring({ telefonos: ['+56911223344'] });
    await page.getByRole('button', { name: 'Contestar' }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Buscar cliente').inputValue()).toBe('+56911223344');
    expect(await page.locator('.search__status').textContent()).toContain('No se encontró ningún cliente');
  });

  it('the IVR header (customer code) takes precedence over the number', async () => {
    ring(C.noBlock, [`X-Customer-Id: ${C.zb.codigo}`]);
    await dialog(page).getByRole('button', { name: 'Contestar' }).waitFor({ timeout: 15_000 });
    expect((await dialogName(page)).startsWith('Bloqueo ZB')).toBe(true);
  });

  it('a malformed caller id shows "Número desconocido" and the line stays up', async () => {
    const run = sippCall({
      fromUser: 'not-a-number',
      fromName: '<img src=x onerror=alert(1)>',
      headers: ['P-Asserted-Identity: <<<garbage', 'Remote-Party-ID: ;;;'],
    });
    calls.push(run);
    await page.getByRole('button', { name: 'Contestar' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('region', { name: 'Llamada' }).textContent()).toContain('Número desconocido');
    await page.getByRole('button', { name: 'Rechazar' }).click();
    await run.done;
    expect(await page.getByRole('status').filter({ hasText: 'En línea' }).count()).toBeGreaterThan(0);
  });
});
