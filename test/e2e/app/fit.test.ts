import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { dialog, openCustomer } from '../support/app';
import { freshAppPerFile, screenshot } from '../support/browser';
import { POPUP_KINDS } from '../support/popupKinds';

let page: Page;
const appPage = freshAppPerFile();
beforeAll(() => {
  page = appPage();
});

/** Where a button is not reachable without scrolling the page: off screen, or covered by something. */
async function unreachable(button: Locator): Promise<string | null> {
  return button.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const name = element.textContent?.trim() ?? '?';
    if (box.width === 0 || box.height === 0) return `${name}: not shown`;
    if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth)
      return `${name}: at ${Math.round(box.top)}–${Math.round(box.bottom)} px of ${window.innerHeight}`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit && element.contains(hit) ? null : `${name}: covered by ${hit?.outerHTML.slice(0, 80)}`;
  });
}

/** Every action button of the open dialog: its footer's and its form's (OK, Crear ticket…). */
async function actionButtonsOutOfReach(): Promise<string[]> {
  const buttons = dialog(page).locator('footer.popup__footer button, .actions button');
  const problems: string[] = [];
  for (const button of await buttons.all()) {
    const problem = await unreachable(button);
    if (problem) problems.push(problem);
  }
  return problems;
}

describe.each([
  [1366, 768],
  [1280, 720],
])('at %i×%i every pop-up keeps its action buttons in view', (width, height) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height });
  });
  // A failed check leaves no dialog behind for the next one.
  afterEach(async () => {
    if (await dialog(page).count()) await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
  });

  it.each(POPUP_KINDS)('%s', async (kind, customer) => {
    await openCustomer(page, customer.codigo, customer.codigo);
    await dialog(page).waitFor();
    await expect.poll(() => dialog(page).locator('footer.popup__footer button').count()).toBeGreaterThan(0);
    // The dialog fits the window (only its middle scrolls).
    const box = await dialog(page).evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(height);
    expect(await actionButtonsOutOfReach(), kind).toEqual([]);
    // The script is on screen from its first line (it scrolls with the middle, never under a button).
    const script = dialog(page).getByRole('region', { name: 'Guion' });
    const top = await script.evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(height / 2);
    await screenshot(page, `fit-${width}-${kind.replace(/\W+/g, '-')}`);
  });

  it('settings keeps «Guardar» and «Cerrar» in view', async () => {
    await page.getByRole('button', { name: /Configuración/ }).click();
    await dialog(page).waitFor();
    expect(await actionButtonsOutOfReach()).toEqual([]);
    await screenshot(page, `fit-${width}-settings`);
  });
});
