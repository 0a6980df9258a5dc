import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
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

describe('a customer name containing markup', () => {
  it('is shown as text in the results, the pop-up and the form, and never runs', async () => {
    expect(C.markupName.nombre).toContain('<img src=x onerror=alert(1)>');
    await search(page, C.markupName.codigo);
    const row = resultRow(page, C.markupName.codigo);
    expect(await row.locator('td').first().textContent()).toBe(C.markupName.nombre);
    expect(await page.locator('table.customers img').count()).toBe(0);

    await row.getByRole('button').click();
    await dialog(page).waitFor();
    expect(await dialog(page).locator('.popup__customer strong').textContent()).toBe(C.markupName.nombre);
    expect(
      await dialog(page)
        .getByLabel(/Nombre de quien llama/)
        .inputValue(),
    ).toBe(C.markupName.nombre);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(alerts).toEqual([]);
  });
});
