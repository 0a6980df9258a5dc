import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, openCustomer } from '../support/app';
import { freshAppPerFile, screenshot } from '../support/browser';

let page: Page;
const appPage = freshAppPerFile();
beforeAll(async () => {
  page = appPage();
  await page.setViewportSize({ width: 1366, height: 768 });
});

const formsList = () => page.getByRole('region', { name: 'Formularios' });

describe('«Formularios»: one line per form, and a detail view', () => {
  let formId = '';

  it('lists a new form on one line, with its time as HH:MM and no internal id', async () => {
    await openCustomer(page, C.zb.codigo, C.zb.codigo);
    const form = dialog(page).getByRole('form');
    await form.getByLabel(/Segundo teléfono/).fill('+56 9 4987 6543');
    await form.getByLabel(/Referencia de la dirección/).fill('Portón verde, frente a la plaza');
    await form.getByLabel(/Observaciones/).fill('Llamar antes de ir');
    await form.getByRole('button', { name: 'OK' }).click();
    await dialog(page).getByRole('status').filter({ hasText: 'pendiente' }).waitFor();
    await dialog(page).getByRole('button', { name: 'Cerrar', exact: true }).click();

    const row = formsList().locator('tbody tr').first();
    await row.waitFor();
    formId = (await row.getAttribute('data-form-id')) ?? '';
    expect(formId).toMatch(/^[0-9a-f-]{36}$/);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toMatch(/^\d{2}:\d{2}$/);
    expect(cells[1]).toBe(C.zb.nombre);
    expect(cells[2]).toContain('ZB');
    expect(cells[3]).toBe('pendiente');
    const text = (await formsList().textContent()) ?? '';
    expect(text).not.toContain(formId.slice(0, 8));
    // One line: no cell wraps (each is as tall as one line of its text).
    const wrapped = await row.evaluate(
      (tr) =>
        [...tr.querySelectorAll('td')].filter(
          (td) => td.scrollHeight > 2 * parseFloat(getComputedStyle(td).lineHeight),
        ).length,
    );
    expect(wrapped).toBe(0);
    await screenshot(page, 'forms-list');
  });

  it('«Ver» opens what was sent, with the form labels, and the central answer; Esc closes', async () => {
    const view = formsList().locator(`tr[data-form-id="${formId}"]`).getByRole('button', { name: /^Ver / });
    await view.focus();
    await page.keyboard.press('Enter');
    const detail = page.getByRole('dialog', { name: /cliente inactivo/ });
    await detail.waitFor();
    const sent = detail.getByRole('region', { name: 'Lo enviado' });
    const valueOf = (label: string) =>
      sent
        .locator('div', { has: page.locator(`dt:text-is("${label}")`) })
        .locator('dd')
        .textContent();
    expect(await valueOf('Nombre de quien llama')).toBe(C.zb.nombre);
    expect(await valueOf('Segundo teléfono de contacto')).toBe('+56 9 4987 6543');
    expect(await valueOf('Referencia de la dirección')).toBe('Portón verde, frente a la plaza');
    expect(await valueOf('Día preferido para la visita')).toBe('—');
    expect(await detail.getByRole('region', { name: 'Respuesta de la central' }).textContent()).toContain(
      'Aún no llega a la central',
    );
    expect(await detail.textContent()).not.toContain(formId.slice(0, 8));
    await screenshot(page, 'forms-detail');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ver');
  });
});
