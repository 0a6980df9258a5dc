import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { resolve } from 'node:path';
import { MARKUP_DIRECTORY_PATH, TEST_ONLY_CUSTOMERS as T } from '../../fixtures/sampleCustomers';
import { dialog, resultRow, search } from '../support/app';
import { launchChromium, openApp } from '../support/browser';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const alerts: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  ({ context, page } = await openApp(browser));
  page.on('dialog', (d) => {
    alerts.push(d.message());
    void d.dismiss();
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('a customer name containing markup (a test-only directory file, not the demo sample)', () => {
  it('is shown as text in the results, the pop-up and the form, and never runs', async () => {
    expect(T.markupName.nombre).toContain('<img src=x onerror=alert(1)>');
    await page
      .getByLabel('Importar directorio')
      .setInputFiles(resolve(import.meta.dirname, '../../..', MARKUP_DIRECTORY_PATH));
    await page.locator('.import__result').waitFor();
    await search(page, T.markupName.codigo);
    const row = resultRow(page, T.markupName.codigo);
    expect(await row.locator('td').first().textContent()).toBe(T.markupName.nombre);
    expect(await page.locator('table.customers img').count()).toBe(0);

    await row.getByRole('button').click();
    await dialog(page).waitFor();
    expect(await dialog(page).locator('.popup__customer strong').textContent()).toBe(T.markupName.nombre);
    expect(await dialog(page).textContent()).toContain(T.markupName.nombre);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(alerts).toEqual([]);
  });
});
