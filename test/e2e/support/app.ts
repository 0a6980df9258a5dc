import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export async function search(page: Page, query: string): Promise<void> {
  await page.getByLabel('Buscar cliente').fill(query);
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.waitForFunction((q) => {
    const status = document.querySelector<HTMLElement>('.search__status');
    return status?.dataset.query === q && status.dataset.state !== 'searching';
  }, query);
}

/** The row of a customer in a result table: the dialog's when a pop-up is open, else the page's. */
export function resultRow(page: Page, codigo: string): Locator {
  const scope = page.locator('dialog[open] table.customers, table.customers').last();
  return scope.locator('tbody tr', { has: page.locator(`td:text-is("${codigo}")`) });
}

/** Searches and opens one customer from the results, as an agent does (closing any open pop-up first). */
export async function openCustomer(page: Page, query: string, codigo: string): Promise<void> {
  if (await page.getByRole('dialog').count())
    await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
  await search(page, query);
  await resultRow(page, codigo).getByRole('button').click();
}

export function dialog(page: Page): Locator {
  return page.getByRole('dialog');
}

export async function dialogName(page: Page): Promise<string> {
  const el = dialog(page);
  await el.waitFor();
  const id = await el.getAttribute('aria-labelledby');
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

export async function expectDialogStartsWith(page: Page, prefix: string): Promise<void> {
  const name = await dialogName(page);
  expect(name.startsWith(prefix), `dialog "${name}" should start with "${prefix}"`).toBe(true);
}
