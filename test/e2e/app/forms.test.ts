import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, openCustomer } from '../support/app';
import { seriousA11yViolations } from '../support/axe';
import { screenshot, freshAppPerFile } from '../support/browser';

let page: Page;
const appPage = freshAppPerFile();
beforeAll(async () => {
  page = appPage();
  await page.setViewportSize({ width: 1366, height: 768 });
});

const formsList = () => page.getByRole('region', { name: 'Formularios' });
/** The pop-up's «Acción» line: what its buttons do now. */
const actionLine = () => dialog(page).locator('.popup__action');

async function reload(): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
}

describe('pop-up forms', () => {
  it('shows Spanish messages next to the wrong fields and queues nothing', async () => {
    await openCustomer(page, C.z1.codigo, C.z1.codigo);
    const form = dialog(page).getByRole('form', { name: /Telecobranzas/ });
    await form.getByLabel(/RUT del titular/).fill('12.345.678-9');
    await form.getByLabel(/Teléfono de contacto/).fill('');
    await form.getByLabel(/Correo electrónico/).fill('no-es-correo');
    await form.getByRole('button', { name: 'OK' }).click();
    await screenshot(page, 'form-validation');
    const errorOf = (label: RegExp) =>
      form.getByLabel(label).evaluate((input) => {
        const id = input.getAttribute('aria-describedby');
        return id ? document.getElementById(id)?.textContent : null;
      });
    expect(await errorOf(/RUT del titular/)).toContain('RUT inválido');
    expect(await errorOf(/Teléfono de contacto/)).toContain('obligatorio');
    expect(await errorOf(/Correo electrónico/)).toContain('Correo inválido');
    expect(await formsList().textContent()).toContain('Aún no hay formularios');
  });

  it('a valid form is written at once as "pendiente" and is still listed after a reload', async () => {
    expect(await actionLine().textContent()).toBe(
      'Acción: Al presionar OK se envía el formulario a: Telecobranzas.',
    );
    const form = dialog(page).getByRole('form', { name: /Telecobranzas/ });
    await form.getByLabel(/RUT del titular/).fill(C.z1.written.rut);
    await form.getByLabel(/Teléfono de contacto/).fill('9 5123 4567');
    await form.getByLabel(/Correo electrónico/).fill('hector@correo.cl');
    await form.getByLabel(/Observaciones/).fill('Cliente pide que lo llamen en la tarde');
    await form.getByRole('button', { name: 'OK' }).click();
    expect(await dialog(page).getByRole('status').first().textContent()).toContain('pendiente');
    const row = formsList().locator('tbody tr').first();
    expect(await row.textContent()).toContain(C.z1.nombre);
    expect(await row.textContent()).toContain('pendiente');

    await reload();
    const after = formsList().locator('tbody tr');
    expect(await after.count()).toBe(1);
    expect(await after.first().textContent()).toContain('Toma de datos para Telecobranzas');
    expect(await after.first().textContent()).toContain('Z1');
  });

  it('reopening the customer shows that case instead of a second form, and adds a note to it', async () => {
    await openCustomer(page, C.z1.codigo, C.z1.codigo);
    const recent = dialog(page).getByRole('region', { name: 'Caso ya ingresado' });
    await recent.waitFor();
    expect(await recent.textContent()).toMatch(/Toma de datos para Telecobranzas, hoy a las \d{2}:\d{2}/);
    expect(await recent.textContent()).toContain('pendiente');
    // No OK on screen: the «Acción» line says which case is there and what «Ver» / «Agregar nota» do.
    await expect
      .poll(() => actionLine().textContent())
      .toMatch(
        /^Acción: Ya hay un caso por este bloqueo \(«Toma de datos para Telecobranzas», hoy a las \d{2}:\d{2}, en cola en este equipo\): no se envía un formulario nuevo\. «Ver» muestra ese caso; «Agregar nota» suma lo nuevo al mismo caso\.$/,
      );
    expect(await seriousA11yViolations(page, 'dialog')).toEqual([]);
    expect(
      await dialog(page)
        .getByRole('form', { name: /Telecobranzas/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'recent-case');

    await recent.getByRole('button', { name: 'Ver', exact: true }).click();
    const detail = page.getByRole('dialog', { name: 'Toma de datos para Telecobranzas' });
    expect(await detail.getByRole('region', { name: 'Lo enviado' }).textContent()).toContain(
      'Cliente pide que lo llamen en la tarde',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);

    await recent.getByRole('button', { name: 'Agregar nota' }).click();
    const note = dialog(page).getByRole('form', { name: 'Nota a un caso ya ingresado' });
    await expect
      .poll(() => actionLine().textContent())
      .toMatch(
        /^Acción: Al presionar «Enviar nota» se envía una nota al caso «Toma de datos para Telecobranzas» de hoy a las \d{2}:\d{2}; no se abre un caso nuevo\.$/,
      );
    await screenshot(page, 'recent-case-note');
    await note.getByLabel(/Nota para el área/).fill('Ahora pide que lo llamen después de las 18:00');
    await note.getByRole('button', { name: 'Enviar nota' }).click();
    await dialog(page).getByRole('status').filter({ hasText: 'Nota al caso ya ingresado' }).waitFor();
    const rows = formsList().locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Nota a un caso ya ingresado');
    expect(
      await formsList().locator('tbody tr', { hasText: 'Toma de datos para Telecobranzas' }).count(),
    ).toBe(1);
    await dialog(page).getByRole('button', { name: 'Cerrar', exact: true }).click();
  });

  it('what the agent typed survives a reload before pressing OK', async () => {
    await openCustomer(page, C.z0.codigo, C.z0.codigo);
    // The guard's wording of the previous pop-up does not stay behind: a fresh form, the OK wording.
    expect(await actionLine().textContent()).toMatch(/^Acción: Al presionar OK se envía el formulario a: /);
    const form = dialog(page).getByRole('form');
    await form.getByLabel(/Observaciones/).fill('Texto a medio escribir');
    await page.waitForTimeout(600); // the draft is written 250 ms after the last keystroke
    await reload();
    await openCustomer(page, C.z0.codigo, C.z0.codigo);
    await expect
      .poll(() =>
        dialog(page)
          .getByRole('form')
          .getByLabel(/Observaciones/)
          .inputValue(),
      )
      .toBe('Texto a medio escribir');
  });

  it('"el cliente dice que ya le tomaron los datos" flags the case for the supervisor', async () => {
    await openCustomer(page, C.tc4A.codigo, C.tc4A.codigo);
    await dialog(page).getByRole('button', { name: 'El cliente dice que ya le tomaron los datos' }).click();
    const form = dialog(page).getByRole('form', { name: 'Aviso al supervisor' });
    expect(await dialog(page).textContent()).toContain('El cliente dice que ya le tomaron los datos');
    await form.getByRole('button', { name: 'Informar al supervisor' }).click();
    await expect
      .poll(() => formsList().locator('tbody tr').first().textContent())
      .toContain('Aviso al supervisor');
  });

  it('rejects a visit date in the past and a second phone equal to the first, in Spanish', async () => {
    await openCustomer(page, C.zb.codigo, C.zb.codigo);
    const form = dialog(page).getByRole('form', { name: /cliente inactivo/ });
    const before = await formsList().locator('tbody tr').count();
    await form.getByLabel(/Nombre de quien llama/).fill('Ana Pérez');
    await form.getByLabel(/Teléfono de contacto/).fill('+56 9 8123 4567');
    await form.getByLabel(/Segundo teléfono/).fill('981234567');
    await form.getByLabel(/Referencia/).fill('Portón verde');
    expect(await form.getByLabel(/Día preferido/).getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await form.getByLabel(/Día preferido/).fill('2020-01-15');
    await form.getByRole('button', { name: 'OK' }).click();
    const errorOf = (label: RegExp) =>
      form.getByLabel(label).evaluate((input) => {
        const id = input.getAttribute('aria-describedby');
        return id ? document.getElementById(id)?.textContent : null;
      });
    await expect.poll(() => errorOf(/Día preferido/)).toBe('La fecha no puede ser anterior a hoy.');
    expect(await errorOf(/Segundo teléfono/)).toBe('Debe ser distinto del teléfono de contacto.');
    expect(await formsList().locator('tbody tr').count()).toBe(before);
  });
});
