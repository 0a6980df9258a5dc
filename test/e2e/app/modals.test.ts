import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog } from '../support/app';
import { seriousA11yViolations } from '../support/axe';
import { freshAppPerFile, screenshot } from '../support/browser';

// Keyboard only: no click anywhere in this file (a locator's focus() stands for the agent's Tab).
let page: Page;
const appPage = freshAppPerFile();
beforeAll(async () => {
  page = appPage();
  await page.setViewportSize({ width: 1366, height: 768 });
});

const focusInDialog = () =>
  page.evaluate(() => {
    const open = document.querySelector('dialog[open]');
    return open !== null && open.contains(document.activeElement);
  });
/** Focus on something of the page outside the open dialog (the body means the browser's own UI). */
const focusEscaped = () =>
  page.evaluate(() => {
    const open = document.querySelector('dialog[open]');
    const active = document.activeElement;
    return active !== null && active !== document.body && !open?.contains(active);
  });
const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/**
 * Presses Tab (or Shift+Tab) `times` times; where focus landed outside the dialog. Past the last
 * control the browser hands focus to its own UI (the body here) and then back to the dialog's
 * first: that is the platform's trap, the page behind is never reached.
 */
async function tabAround(times: number, key = 'Tab'): Promise<string[]> {
  const escaped: string[] = [];
  let inside = 0;
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    if (await focusInDialog()) inside += 1;
    else if (await focusEscaped())
      escaped.push(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'none'));
  }
  expect(inside).toBeGreaterThan(times / 2);
  return escaped;
}

/** As an agent types it: the code in the search box, Enter opens the only customer found. */
async function openByKeyboard(codigo: string): Promise<void> {
  const box = page.getByLabel('Buscar cliente');
  await box.focus();
  await box.fill(codigo);
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
}

const searchBoxFocused = () =>
  page.getByLabel('Buscar cliente').evaluate((box) => box === document.activeElement);

describe('pop-ups and settings are real modals, by keyboard alone', () => {
  it('a pop-up takes focus, keeps Tab inside, closes on Esc after a submit and gives focus back', async () => {
    await openByKeyboard(C.z0.codigo);
    expect(await focusInDialog()).toBe(true);
    expect(await tabAround(25)).toEqual([]);
    expect(await tabAround(25, 'Shift+Tab')).toEqual([]);

    // Fill the one field left empty and send with Enter from a field.
    const form = dialog(page).getByRole('form');
    await form.getByLabel(/Nombre de quien llama/).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ana Pérez');
    await page.keyboard.press('Enter');
    await dialog(page).getByRole('status').filter({ hasText: 'pendiente' }).waitFor();
    // The form went away with the focus it had: focus is still in the dialog, and Esc still closes.
    expect(await focusInDialog()).toBe(true);
    await screenshot(page, 'modal-after-submit');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await searchBoxFocused()).toBe(true);
  });

  it('Esc closes a pop-up at once, and the next one opens with focus inside again', async () => {
    await openByKeyboard(C.zb.codigo);
    expect(await focusInDialog()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await searchBoxFocused()).toBe(true);
  });

  it('settings: focus in, Tab stays inside, Enter saves, Esc closes and focus returns to «Configuración»', async () => {
    const button = page.getByRole('button', { name: 'Configuración', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect(await focusInDialog()).toBe(true);
    expect(await tabAround(20)).toEqual([]);
    await dialog(page).getByLabel('Número de Telecobranzas').focus();
    await page.keyboard.press('Enter');
    // Saved, or why not (this line has no PBX configured): either way the form was sent by Enter.
    await dialog(page).locator('form').getByRole('status').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await focusedText()).toBe('Configuración');
  });
});

describe('the sign-in drop-down, by keyboard alone', () => {
  const opener = () => page.getByRole('button', { name: 'Iniciar sesión en la central', exact: true });
  const panel = () => page.locator('section.signin');
  const openerFocused = () => opener().evaluate((button) => button === document.activeElement);
  const focusInPanel = () =>
    page.evaluate(() => document.querySelector('section.signin')?.contains(document.activeElement) ?? false);

  async function openPanel(): Promise<void> {
    await opener().focus();
    await page.keyboard.press('Enter');
    await panel().waitFor();
    expect(await opener().getAttribute('aria-expanded')).toBe('true');
  }

  it('Tab goes from its button into it; Esc from a field closes it and the focus is back on the button', async () => {
    expect(await dialog(page).count()).toBe(0);
    await openPanel();
    // Non-modal: the focus stays on the button, and the next Tab enters the panel's first field.
    expect(await openerFocused()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('url');
    await page.keyboard.press('Tab');
    expect(await focusInPanel()).toBe(true);
    await page.keyboard.type('agente');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'signin-open');

    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);
    expect(await openerFocused()).toBe(true);
    expect(await opener().getAttribute('aria-expanded')).toBe('false');
  });

  it('Esc from its «Cerrar» button closes it too, and Enter on «Cerrar» gives the focus back as well', async () => {
    await openPanel();
    await panel().getByRole('button', { name: 'Cerrar', exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);
    expect(await openerFocused()).toBe(true);

    await openPanel();
    await panel().getByRole('button', { name: 'Cerrar', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel().count()).toBe(0);
    expect(await openerFocused()).toBe(true);
  });
});
