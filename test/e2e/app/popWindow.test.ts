// The Electron pop window's page, in Chromium at the window's own size (400×260) with a stand-in
// for the preload bridge: what the agent sees over their other programs, and its keyboard.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';

let browser: Browser;
let context: BrowserContext;
let page: Page;

type Recorded = { method: string; args: unknown[] };

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'es-CL', viewport: { width: 400, height: 260 } });
  page = await context.newPage();
  await page.addInitScript(() => {
    const calls: { method: string; args: unknown[] }[] = [];
    let listener: ((card: unknown) => void) | null = null;
    const record =
      (method: string, result: unknown = undefined) =>
      async (...args: unknown[]) => {
        calls.push({ method, args });
        return result;
      };
    Object.assign(window, {
      __calls: calls,
      __push: (card: unknown) => listener?.(card),
      companion: Object.freeze({
        popCurrent: record('popCurrent', null),
        popAct: record('popAct'),
        popOpenMain: record('popOpenMain'),
        popDismiss: record('popDismiss'),
        log: record('log'),
        on: (_event: string, l: (card: unknown) => void) => {
          listener = l;
          return () => (listener = null);
        },
      }),
    });
  });
  await page.goto(new URL('pop.html', inject('baseUrl')).href);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const push = (card: object) =>
  page.evaluate((c) => (window as unknown as { __push(c: object): void }).__push(c), card);
const calls = () => page.evaluate(() => (window as unknown as { __calls: Recorded[] }).__calls);

const RINGING = {
  callId: 'call-1',
  phase: 'ringing',
  callerLabel: '+56 9 8765 4321',
  customerName: 'María Angélica Soto Fuenzalida',
  customerCode: 'C-100234',
  blocks: ['Z1 — Cobranza', 'ZB — Visita técnica pendiente', 'Z9 — Código reemplazado'],
  candidates: 1,
  identified: true,
  canAnswer: true,
  canTransfer: false,
  transferQueuesForm: false,
  notice: null,
};

describe('pop window page', () => {
  it('shows the caller, the blocks and the buttons inside 400×260 without scrolling', async () => {
    await push(RINGING);
    await page.getByRole('button', { name: 'Contestar' }).waitFor();
    const fits = await page.evaluate(() => ({
      scrollH: document.documentElement.scrollHeight,
      scrollW: document.documentElement.scrollWidth,
      lastButtonBottom: Math.max(
        ...[...document.querySelectorAll('button')].map((b) => b.getBoundingClientRect().bottom),
      ),
    }));
    expect(fits.scrollH).toBeLessThanOrEqual(260);
    expect(fits.scrollW).toBeLessThanOrEqual(400);
    expect(fits.lastButtonBottom).toBeLessThanOrEqual(260);
    expect(await page.getByText('María Angélica Soto Fuenzalida').isVisible()).toBe(true);
    expect(await page.getByRole('list', { name: 'Bloqueos' }).textContent()).toContain(
      'ZB — Visita técnica pendiente',
    );
    await screenshot(page, 'pop-window-ringing');
  });

  it('is usable by keyboard: Tab reaches Contestar, Enter answers, Escape hides', async () => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Contestar');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const made = await calls();
    expect(made).toContainEqual({ method: 'popAct', args: [{ callId: 'call-1', action: 'answer' }] });
    expect(made).toContainEqual({ method: 'popDismiss', args: ['call-1'] });
  });

  it('once answered, offers the transfer to Telecobranzas', async () => {
    await push({ ...RINGING, phase: 'active', canTransfer: true, notice: 'Transfiriendo a Telecobranzas…' });
    await page.getByRole('heading', { name: 'En llamada' }).waitFor();
    await page.getByRole('button', { name: 'Transferir a Telecobranzas' }).click();
    expect(await calls()).toContainEqual({
      method: 'popAct',
      args: [{ callId: 'call-1', action: 'transfer' }],
    });
    await screenshot(page, 'pop-window-active');
  });

  it('with the collections form open in the main window, says the transfer saves it first, inside 400×260', async () => {
    await push({ ...RINGING, phase: 'active', canTransfer: true, transferQueuesForm: true });
    const button = page.getByRole('button', { name: 'Guardar datos y transferir a Telecobranzas' });
    await button.waitFor();
    const box = await button.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(400);
    expect(box && box.y + box.height).toBeLessThanOrEqual(260);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(260);
    await screenshot(page, 'pop-window-transfer-with-form');

    // The form did not validate: the reason, and the button to try again, still inside the window.
    await push({
      ...RINGING,
      phase: 'active',
      canTransfer: true,
      transferQueuesForm: true,
      notice:
        'No se pudo transferir: faltan datos del formulario de Telecobranzas; complételos en «Abrir ficha»',
    });
    await page.getByRole('status').filter({ hasText: 'faltan datos' }).waitFor();
    const after = await button.boundingBox();
    expect(after && after.y + after.height).toBeLessThanOrEqual(260);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(260);
    await screenshot(page, 'pop-window-transfer-refused');
  });
});
