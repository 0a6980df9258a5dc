import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C, type SampleCustomer } from '../../fixtures/sampleCustomers';
import { dialog, dialogName, expectDialogStartsWith, openCustomer, resultRow } from '../support/app';
import { launchChromium, openApp, pageErrors, screenshot } from '../support/browser';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  ({ context, page } = await openApp(browser));
});
afterAll(async () => {
  expect(pageErrors(page)).toEqual([]);
  await context?.close();
  await browser?.close();
});

async function open(customer: SampleCustomer): Promise<void> {
  await openCustomer(page, customer.codigo, customer.codigo);
  await dialog(page).waitFor();
}

async function close(): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Cerrar' }).click();
}

const script = () => dialog(page).getByRole('region', { name: 'Guion' }).textContent();

describe('block pop-ups (seed 000)', () => {
  it.each([
    ['Z0', C.z0, 'Bloqueo Z0', 'proceso de certificación', 'Departamento de Instalaciones'],
    ['ZA', C.za, 'Bloqueo ZA', 'requiere la visita de un técnico', 'Departamento de Instalaciones'],
    ['Z5', C.z5, 'Bloqueo Z5', 'retiro de tanque', 'Subgerencia de Integridad de Instalaciones'],
    ['Z9', C.z9, 'Bloqueo Z9', 'consumo mínimo', 'Programación de visitas'],
    [
      'ZB',
      C.zb,
      'Bloqueo ZB',
      'supervisor de RRSS y al Jefe de Servicio',
      'Supervisor de RRSS y Jefe de Servicio',
    ],
  ])('%s: own script, form and responsible area', async (_code, customer, title, scriptText, area) => {
    await open(customer);
    await expectDialogStartsWith(page, title);
    expect(await script()).toContain(scriptText);
    // Once the duplicate check is done (it says so meanwhile), the line names the area.
    await expect.poll(() => dialog(page).locator('.popup__action').textContent()).toContain(area);
    expect(
      await dialog(page)
        .getByLabel(/Nombre de quien llama/)
        .inputValue(),
    ).toBe(customer.nombre);
    await expect.poll(() => dialog(page).getByRole('button', { name: 'OK', exact: true }).count()).toBe(1);
    await close();
  });

  it.each([
    ['Z1', C.z1],
    ['2M', C.tc2M],
    ['2C', C.tc2C],
    ['CÑ', C.tcCN],
    ['4A', C.tc4A],
    ['" cl "', C.tcClLowerCase],
  ])('collections code %s: Telecobranzas pop-up with both options', async (_label, customer) => {
    const code = customer.bloqueos[0]!;
    await open(customer);
    await expectDialogStartsWith(page, `Bloqueo ${code}`);
    expect(await script()).toContain('2 opciones');
    const options = dialog(page).getByRole('group', { name: 'Opción de gestión' });
    expect(await options.getByLabel(/Opción 1: tomar los datos \(recomendada\)/).isChecked()).toBe(true);
    await options.getByLabel(/Opción 2: transferir a Telecobranzas \(26939901\)/).check();
    expect(await dialog(page).locator('.tc__transfer').textContent()).toContain('26939901');
    await close();
  });

  it('Z1 with an open order: the order status alert comes first; Cancelar raises the data form', async () => {
    await open(C.z1OpenOrder);
    const alert = dialog(page).getByRole('alert', { name: 'Alerta: pedido ingresado' });
    expect(await alert.textContent()).toContain('PED-1029');
    expect(await alert.textContent()).toContain('En ruta');
    await screenshot(page, 'z1-open-order-alert');
    // The "Acción" line says what OK really does here: nothing is sent.
    const action = () => dialog(page).locator('.popup__action').textContent();
    expect(await action()).toContain('OK: usted informó al cliente el estado del pedido PED-1029');
    expect(await action()).toContain('no se envía ningún formulario');
    expect(await action()).not.toContain('Al presionar OK se envía');
    await alert.getByRole('button', { name: 'Cancelar' }).click();
    await dialog(page)
      .getByRole('form', { name: /Telecobranzas/ })
      .waitFor();
    expect(await action()).toContain('Al presionar OK se envía el formulario a: Telecobranzas');
    await close();
    // OK closes the alert: the status was given, no form.
    await open(C.z1OpenOrder);
    await dialog(page)
      .getByRole('alert', { name: 'Alerta: pedido ingresado' })
      .getByRole('button', { name: 'OK' })
      .click();
    expect(await dialog(page).getByRole('status').textContent()).toContain('estado de su pedido');
    expect(await dialog(page).getByRole('form').count()).toBe(0);
    await close();
  });

  it('Z3: no form, a search for another enabled record at the same address', async () => {
    await open(C.z3AddressMatch);
    await expectDialogStartsWith(page, 'Bloqueo Z3');
    expect(await script()).toContain('ÚNICO CASO');
    await expect.poll(() => resultRow(page, C.z3AddressTarget.codigo).count()).toBe(1);
    expect(await resultRow(page, C.z3AddressTarget.codigo).locator('td').last().textContent()).toBe('NO');
    expect(await dialog(page).getByRole('form').count()).toBe(0);
    await screenshot(page, 'z3-search');
    // "Usar" opens the enabled record: no pop-up, the order can be taken.
    await resultRow(page, C.z3AddressTarget.codigo).getByRole('button', { name: /Usar/ }).click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Cliente seleccionado' }).textContent()).toContain(
      'Cliente habilitado',
    );
  });

  it('Z3 also finds the other record by phone', async () => {
    await open(C.z3PhoneMatch);
    await expect.poll(() => resultRow(page, C.z3PhoneTarget.codigo).count()).toBe(1);
    await close();
  });

  it('Z4 with an open ticket not yet due: no new ticket, the resolution date is shown', async () => {
    await open(C.z4OpenTicket);
    await expectDialogStartsWith(page, 'Bloqueo Z4');
    const ticket = dialog(page).getByRole('region', { name: 'Ticket existente' });
    await ticket.waitFor();
    expect(await ticket.textContent()).toContain('31-12-2099');
    expect(await ticket.textContent()).toContain('No cree un ticket nuevo');
    expect(await dialog(page).getByRole('form').count()).toBe(0);
    await close();
  });

  it('Z4 with an overdue ticket: escalation to the supervisor is offered', async () => {
    await open(C.z4OverdueTicket);
    const ticket = dialog(page).getByRole('region', { name: 'Ticket existente' });
    await ticket.waitFor();
    expect(await ticket.textContent()).toContain('vencida');
    await ticket.getByRole('button', { name: 'Escalar al supervisor' }).click();
    await dialog(page).getByRole('form', { name: 'Aviso al supervisor' }).waitFor();
    await close();
  });

  it('Z4 without an open ticket: the ticket form asks name, e-mail and phone', async () => {
    await open(C.z4NoTicket);
    const form = dialog(page).getByRole('form', { name: /Problema de bloqueo/ });
    await form.waitFor();
    for (const label of ['Nombre de quien llama', 'Correo electrónico', 'Teléfono de contacto']) {
      expect(await form.getByLabel(new RegExp(label)).getAttribute('aria-required')).toBe('true');
    }
    await close();
  });

  it('a replaced code: the seed message, the new code offered, then "informar al supervisor"', async () => {
    await open(C.replacedWithNewCode);
    await expectDialogStartsWith(page, `Código de cliente ${C.replacedWithNewCode.codigo} bloqueado`);
    expect(await script()).toContain('reemplazado por un código nuevo');
    await dialog(page)
      .getByRole('button', { name: `Abrir código nuevo ${C.replacementTarget.codigo}` })
      .waitFor();
    await expect.poll(() => resultRow(page, C.replacementTarget.codigo).count()).toBe(1);
    await close();

    await open(C.replacedWithoutNewCode);
    await expect
      .poll(() => dialog(page).locator('.related [role="status"]').textContent())
      .toContain('No se encontró otro código');
    await dialog(page)
      .getByRole('button', { name: /informar al supervisor/ })
      .click();
    await dialog(page).getByRole('form', { name: 'Aviso al supervisor' }).waitFor();
    await close();
  });

  it('an unknown code: generic blocked pop-up routed to the supervisor', async () => {
    await open(C.unknownZ7);
    await expectDialogStartsWith(page, 'Bloqueo Z7');
    expect(await dialogName(page)).toContain('desconocido');
    expect(await script()).toContain('no está en el catálogo');
    await dialog(page).getByRole('button', { name: 'Informar al supervisor' }).waitFor();
    await close();
  });

  it('several blocks: all shown, in precedence order', async () => {
    await open(C.multiZ4ZBZ1);
    await expectDialogStartsWith(page, 'Bloqueo Z4');
    const steps = dialog(page).getByRole('navigation', { name: 'Bloqueos del cliente' }).getByRole('button');
    expect(await steps.allTextContents()).toEqual(['Z4', 'ZB', 'Z1']);
    await screenshot(page, 'several-blocks');
    await dialog(page).getByRole('button', { name: 'Siguiente bloqueo' }).click();
    await expectDialogStartsWith(page, 'Bloqueo ZB');
    await dialog(page).getByRole('button', { name: 'Siguiente bloqueo' }).click();
    await expectDialogStartsWith(page, 'Bloqueo Z1');
    await close();

    await open(C.multiZ3TC2M);
    await expectDialogStartsWith(page, 'Bloqueo Z3');
    await expect.poll(() => resultRow(page, C.multiZ3RutTarget.codigo).count()).toBe(1);
    await close();
  });

  it('a customer without blocks gets no pop-up', async () => {
    await openCustomer(page, C.noBlock.codigo, C.noBlock.codigo);
    await page.getByRole('region', { name: 'Cliente seleccionado' }).waitFor();
    expect(await dialog(page).count()).toBe(0);
  });
});
