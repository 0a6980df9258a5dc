import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { QUOTATION_FORM_URL } from '../../../shared/requirements/guidance';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { openCustomer } from '../support/app';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium, pageErrors, screenshot } from '../support/browser';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  // The agents' screens: 1366×768. The operator allows the quotation form's site only.
  context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 768 } });
  await context.route('**/companion-env.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ externalLinks: 'https://www.onlineencuesta.com/s/' }),
    }),
  );
  // No request leaves the machine: the allowed site is answered here.
  await context.route('https://www.onlineencuesta.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Cotización</title><p>Formulario</p>' }),
  );
  page = await context.newPage();
  page.on('pageerror', () => undefined);
  await page.goto(inject('baseUrl'));
  await page.waitForSelector('html[data-ready="true"]');
});
afterAll(async () => {
  expect(pageErrors(page)).toEqual([]);
  await context?.close();
  await browser?.close();
});

const requirement = () => page.getByRole('dialog', { name: 'Nuevo requerimiento' });
const blockPopup = () => page.locator('dialog.popup[open]');

async function openEnabledCustomer(): Promise<void> {
  await openCustomer(page, C.noBlock.codigo, C.noBlock.codigo);
  await page.getByRole('region', { name: 'Cliente seleccionado' }).waitFor();
}

describe('Nuevo requerimiento (seed 001)', () => {
  it('is reached by keyboard alone: Alt+R, type a few letters, both «marcador» leaves, told apart', async () => {
    await openEnabledCustomer();
    await page.keyboard.press('Alt+r');
    await requirement().waitFor();
    // Focus is in the search box at once.
    await page.keyboard.type('MARCADOR');
    const options = requirement().getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    expect(await options.nth(0).textContent()).toMatch(
      /Marcador de % pegado.*No es ticket: aviso de emergencia/,
    );
    expect(await options.nth(1).textContent()).toMatch(/Problemas en marcador %.*Ticket/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'requirement-search-marcador');
  });

  it('a leaf that must not be a ticket shows its guidance and has nothing to send', async () => {
    // The first result is highlighted: Enter picks it.
    await page.keyboard.press('Enter');
    const guidance = requirement().getByRole('region', { name: 'No se ingresa ticket' });
    await guidance.waitFor();
    expect(await guidance.textContent()).toContain('Haga un aviso de emergencia');
    expect(await requirement().getByRole('button', { name: 'Crear ticket' }).count()).toBe(0);
    expect(await requirement().getByRole('form').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'requirement-guidance-marcador');

    // Browsing: Servicio › Retiro de tanque, with the documents to attach in Sucursal Virtual.
    await requirement()
      .getByRole('button', { name: /Elegir otra tipificación/ })
      .click();
    await requirement()
      .getByRole('group', { name: 'Ítems de Servicio' })
      .getByRole('button', { name: /Retiro de tanque/ })
      .click();
    const retiro = await guidance.textContent();
    expect(retiro).toContain('Sucursal Virtual');
    for (const document of [
      'Certificado de dominio vigente (vigencia 90 días)',
      'Copia de carnet',
      'Foto de placa',
    ])
      expect(retiro).toContain(document);
    expect(await requirement().getByRole('button', { name: 'Crear ticket' }).count()).toBe(0);
    // Nothing was queued.
    expect(await page.getByText('Aún no hay formularios en este equipo.').count()).toBe(1);
  });

  it('the contradiction of the seed: Problema de bloqueo › Cambio de razón social is guidance, not a ticket', async () => {
    await requirement()
      .getByRole('button', { name: /Elegir otra tipificación/ })
      .click();
    await requirement().getByRole('combobox', { name: 'Buscar tipificación' }).fill('bloqueo razon');
    await requirement()
      .getByRole('option', { name: /Cambio de razón social/ })
      .click();
    const text = await requirement().getByRole('region', { name: 'No se ingresa ticket' }).textContent();
    expect(text).toContain('comuna y número');
    expect(text).toContain('Sucursal Virtual');
    expect(await requirement().getByRole('button', { name: 'Crear ticket' }).count()).toBe(0);
  });

  it('external links open only through the operator’s allow-list, with no handle on the desk', async () => {
    await requirement()
      .getByRole('button', { name: /Elegir otra tipificación/ })
      .click();
    await requirement().getByRole('combobox', { name: 'Buscar tipificación' }).fill('cotizacion');
    await page.keyboard.press('Enter');
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      requirement().getByRole('button', { name: 'Abrir enlace' }).click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(QUOTATION_FORM_URL);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();

    // The invoice wiki (http, internal host) is not on this operator's list: refused, shown to copy.
    await requirement()
      .getByRole('button', { name: /Elegir otra tipificación/ })
      .click();
    await requirement().getByRole('combobox', { name: 'Buscar tipificación' }).fill('no recibe factura');
    await page.keyboard.press('Enter');
    let opened = false;
    context.once('page', () => (opened = true));
    await requirement().getByRole('button', { name: 'Abrir enlace' }).click();
    await expect
      .poll(() => requirement().getByRole('status').filter({ hasText: 'no autorizó' }).count())
      .toBe(1);
    expect(opened).toBe(false);
    expect(await requirement().locator('.guidance__url').textContent()).toContain('más_de_xx_días_hábiles');
  });

  it('Esc closes it and gives the focus back', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => requirement().count()).toBe(0);
    await page.getByRole('button', { name: /Nuevo requerimiento/ }).focus();
    await page.keyboard.press('Enter');
    await requirement().waitFor();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Nuevo requerimiento/);
  });

  it('from a block pop-up; an open ticket of that type is shown (number and due date) instead of a form', async () => {
    await openCustomer(page, C.z4OpenTicket.codigo, C.z4OpenTicket.codigo);
    await blockPopup().waitFor();
    await blockPopup()
      .getByRole('button', { name: /Nuevo requerimiento/ })
      .click();
    await requirement().getByRole('combobox', { name: 'Buscar tipificación' }).fill('bloqueo fuera norma');
    await page.keyboard.press('Enter');
    const existing = requirement().getByRole('region', { name: 'Ticket existente' });
    await existing.waitFor();
    const text = await existing.textContent();
    expect(text).toContain('N.º TK-2026-0410');
    expect(text).toContain('31-12-2099');
    expect(text).toContain('No cree un ticket nuevo');
    expect(await requirement().getByRole('button', { name: 'Crear ticket' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'requirement-existing-ticket');

    // Another type for the same customer: its form, name, e-mail and phone required.
    await requirement()
      .getByRole('button', { name: /Elegir otra tipificación/ })
      .click();
    await requirement().getByRole('combobox', { name: 'Buscar tipificación' }).fill('camion sin gas');
    await page.keyboard.press('Enter');
    const form = requirement().getByRole('form', { name: 'Ticket postventa' });
    await form.waitFor();
    for (const label of [/Nombre de quien llama/, /Correo electrónico/, /Teléfono de contacto/])
      expect(await form.getByLabel(label).getAttribute('aria-required')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });
});
