import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser';

// The desk's chunk (renderer/app/desk.tsx): everything but the frame painted first.
const DESK_CHUNK = /\/assets\/desk-[^/]+\.js$/;

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
});

async function freshPage(): Promise<Page> {
  context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 768 } });
  return context.newPage();
}

describe('start-up: the frame first, then the desk', () => {
  it('paints the frame before the desk has loaded, then the desk replaces it', async () => {
    page = await freshPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const deskAsked = new Promise<Route>(
      (resolve) =>
        void page.route(DESK_CHUNK, (route) => {
          resolve(route);
          void held.then(() => route.continue());
        }),
    );
    await page.goto(inject('baseUrl'));
    await deskAsked;
    // While the desk's chunk is on its way the agent already sees the window's frame.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Preparando el escritorio…' }).count())
      .toBe(1);
    expect(await page.getByRole('heading', { name: 'Companion' }).count()).toBe(1);
    expect(await page.getByLabel('Buscar cliente').count()).toBe(0);

    release();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByLabel('Buscar cliente').waitFor();
    expect(await page.getByText('Preparando el escritorio…').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Companion' }).count()).toBe(1);
  });

  it('says so in Spanish when the desk cannot load, and «Reintentar» brings it up', async () => {
    page = await freshPage();
    await page.route(DESK_CHUNK, (route) => route.abort('connectionrefused'));
    await page.goto(inject('baseUrl'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('No se pudo cargar el escritorio de Companion');

    await page.unroute(DESK_CHUNK);
    await alert.getByRole('button', { name: 'Reintentar' }).click();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByLabel('Buscar cliente').waitFor();
  });
});
