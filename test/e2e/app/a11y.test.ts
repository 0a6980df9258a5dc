import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, openCustomer } from '../support/app';
import { seriousA11yViolations } from '../support/axe';
import { freshAppPerFile } from '../support/browser';
import { POPUP_KINDS } from '../support/popupKinds';

let page: Page;
const appPage = freshAppPerFile();
beforeAll(() => {
  page = appPage();
});

async function expectNoSeriousViolations(screen: string): Promise<void> {
  const found = await seriousA11yViolations(page);
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

/** Closed with its own button: this file checks what axe sees, not the keys (see popups/forms). */
async function closeDialog(): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Cerrar', exact: true }).click();
  await expect.poll(() => dialog(page).count()).toBe(0);
}

describe('axe-core finds no serious or critical violation', () => {
  it('on the main screen', async () => {
    await expectNoSeriousViolations('main screen');
  });

  it.each(POPUP_KINDS)('on the %s pop-up', async (kind, customer) => {
    await openCustomer(page, customer.codigo, customer.codigo);
    await dialog(page).waitFor();
    await expectNoSeriousViolations(`pop-up ${kind}`);
    await closeDialog();
  });

  it('on the main screen with a customer and search results', async () => {
    await openCustomer(page, C.noBlock.codigo, C.noBlock.codigo);
    await page.getByRole('region', { name: 'Cliente seleccionado' }).waitFor();
    await expectNoSeriousViolations('customer card');
  });

  it('on the settings dialog', async () => {
    await page.getByRole('button', { name: /Configuración/ }).click();
    await dialog(page).waitFor();
    await expectNoSeriousViolations('settings');
    await closeDialog();
  });

  it('on the sign-in panel', async () => {
    await page.getByRole('button', { name: /Iniciar sesión en la central/ }).click();
    await page.getByRole('textbox', { name: /Usuario/ }).waitFor();
    await expectNoSeriousViolations('sign-in');
    const panel = page.locator('section.signin');
    await panel.getByRole('button', { name: 'Cerrar', exact: true }).click();
    await expect.poll(() => panel.count()).toBe(0);
  });

  it('on the forms list with a form in it', async () => {
    await openCustomer(page, C.z0.codigo, C.z0.codigo);
    const form = dialog(page).getByRole('form');
    await form.getByLabel(/Nombre de quien llama/).fill('Ana Pérez');
    await form.getByRole('button', { name: 'OK' }).click();
    await dialog(page).getByRole('status').filter({ hasText: 'pendiente' }).waitFor();
    await closeDialog();
    await page.getByRole('region', { name: 'Formularios' }).locator('tbody tr').first().waitFor();
    await expectNoSeriousViolations('forms list');
  });
});
