import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { formatDay } from '../../../shared/requirements/dates';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { openCustomer } from '../support/app';
import { seriousA11yViolations } from '../support/axe';
import { screenshot } from '../support/browser';
import { DEMO, login } from './support/backOffice';
import { Harness } from './support/harness';
import {
  banner,
  openPage,
  openWorkstation,
  outbox,
  signInThroughPanel,
  waitAllSent,
} from './support/workstation';

/**
 * Post-sale tickets between the back office and the desk (seed 001 and the Z4 rule of seed 000),
 * against the real server: tickets it opens reach the desk, the desk's tickets reach it — also
 * after an outage.
 */
let harness: Harness;
let context: BrowserContext;
let page: Page;
let supervisorToken = '';

interface ApiTicket {
  id: string;
  typeId: string;
  status: string;
  dueDate: string;
  relatedTicketId: string | null;
}

async function backOffice<T>(
  method: string,
  path: string,
  body?: unknown,
  token = supervisorToken,
): Promise<T> {
  const response = await fetch(`${harness.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const ticketsOf = async (customerCode: string) =>
  (await backOffice<{ tickets: ApiTicket[] }>('GET', `/customers/${customerCode}/tickets`)).tickets;

const requirement = () => page.getByRole('dialog', { name: 'Nuevo requerimiento' });
const blockPopup = () => page.locator('dialog.popup[open]');

async function chooseLeaf(query: string): Promise<void> {
  const box = requirement().getByRole('combobox', { name: 'Buscar tipificación' });
  if (!(await box.count()))
    await requirement()
      .getByRole('button', { name: /Elegir otra tipificación|Otro requerimiento/ })
      .click();
  await box.fill(query);
  await page.keyboard.press('Enter');
}

/** Opens the customer's card; a blocked customer's pop-up comes up first and is closed. */
async function openRequirement(customerCode: string, { blocked }: { blocked: boolean }): Promise<void> {
  await openCustomer(page, customerCode, customerCode);
  if (blocked) await blockPopup().getByRole('button', { name: 'Cerrar' }).click();
  await page
    .getByRole('region', { name: 'Cliente seleccionado' })
    .getByRole('button', { name: /Nuevo requerimiento/ })
    .click();
  await requirement().waitFor();
}

beforeAll(async () => {
  harness = await Harness.start();
  context = await openWorkstation(harness.browser);
  page = await openPage(context);
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

describe('tickets reach the desk', () => {
  it('the desk is signed in to the central', async () => {
    // The kiosk signs in by itself; on a loaded machine its one attempt may time out (the sender's
    // test timeout is 1.5 s), and then the agent signs in as they would.
    const connected = async () => (await banner(page).textContent())?.includes('Conectado con la central');
    await expect
      .poll(connected, { timeout: 15_000 })
      .toBe(true)
      .catch(() => undefined);
    for (let attempt = 0; attempt < 3 && !(await connected()); attempt += 1) {
      await signInThroughPanel(page, DEMO.agent.username, DEMO.agent.password).catch(() => undefined);
    }
    await expect.poll(connected, { timeout: 15_000 }).toBe(true);
    supervisorToken = await login(harness.server.url, DEMO.supervisor.username, DEMO.supervisor.password);
  });

  it('a ticket the back office opened shows in the Z4 pop-up, which refuses a duplicate and gives its due date', async () => {
    const { ticket } = await backOffice<{ ticket: ApiTicket }>('POST', '/tickets', {
      customerCode: C.z4NoTicket.codigo,
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
      description: 'Abierto por la mesa de postventa',
    });
    await openCustomer(page, C.z4NoTicket.codigo, C.z4NoTicket.codigo);
    const existing = blockPopup().getByRole('region', { name: 'Ticket existente' });
    await existing.waitFor({ timeout: 15_000 });
    const text = await existing.textContent();
    expect(text).toContain(`N.º ${ticket.id}`);
    expect(text).toContain(formatDay(ticket.dueDate));
    expect(text).toContain('No cree un ticket nuevo');
    expect(await blockPopup().getByRole('button', { name: 'Crear ticket' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'z4-server-ticket');

    // The same from "Nuevo requerimiento".
    await blockPopup()
      .getByRole('button', { name: /Nuevo requerimiento/ })
      .click();
    await chooseLeaf('bloqueo fuera de norma');
    expect(await requirement().getByRole('region', { name: 'Ticket existente' }).textContent()).toContain(
      `N.º ${ticket.id}`,
    );
    await page.keyboard.press('Escape');
    await blockPopup().getByRole('button', { name: 'Cerrar' }).click();
    expect(await ticketsOf(C.z4NoTicket.codigo)).toHaveLength(1);
  });

  it('an insistence picks the customer’s earlier ticket and the new ticket links it', async () => {
    const code = C.noBlock.codigo;
    const { ticket: earlier } = await backOffice<{ ticket: ApiTicket }>('POST', '/tickets', {
      customerCode: code,
      typeId: 'pagos.relativos-pago.error-cobro',
    });
    await backOffice('POST', `/tickets/${earlier.id}/close`, { answer: 'El cobro estaba bien emitido.' });

    await openRequirement(code, { blocked: false });
    await chooseLeaf('inconformidad respuesta');
    const picker = requirement().getByRole('group', { name: /Ticket anterior/ });
    await picker.waitFor({ timeout: 15_000 });
    await picker.getByRole('radio', { name: new RegExp(earlier.id) }).check();
    const form = requirement().getByRole('form', { name: 'Ticket postventa' });
    await form.getByLabel(/Descripción/).fill('No está de acuerdo con la respuesta del cobro');
    await screenshot(page, 'insistence-picked');
    await form.getByRole('button', { name: 'Crear ticket' }).click();
    await requirement().getByText('guardado en este equipo').waitFor();
    await waitAllSent(page, 60_000);
    const insistence = (await ticketsOf(code)).find((t) => t.typeId === 'servicio.no-conforme.inconformidad');
    expect(insistence).toMatchObject({ status: 'abierto', relatedTicketId: earlier.id });
    await page.keyboard.press('Escape');
  });

  it('offline, a ticket waits in the outbox (a second one is refused) and opens when the central returns', async () => {
    const code = C.z4OverdueTicket.codigo;
    harness.proxy.down = true;
    await openRequirement(code, { blocked: true });
    await chooseLeaf('camion sin gas');
    const form = requirement().getByRole('form', { name: 'Ticket postventa' });
    await form.getByRole('button', { name: 'Crear ticket' }).click();
    await requirement().getByText('guardado en este equipo').waitFor();
    expect((await outbox(page)).filter((e) => e.status === 'pendiente')).toHaveLength(1);

    // The same type again while it waits: refused, with what is waiting.
    await requirement().getByRole('button', { name: 'Otro requerimiento' }).click();
    await chooseLeaf('camion sin gas');
    const waiting = requirement().getByRole('region', { name: 'Ticket existente' });
    expect(await waiting.textContent()).toContain('esperando en este equipo');
    expect(await requirement().getByRole('button', { name: 'Crear ticket' }).count()).toBe(0);

    harness.proxy.down = false;
    await waitAllSent(page, 90_000);
    const [opened] = (await ticketsOf(code)).filter(
      (t) => t.typeId === 'servicio.abastecen-menos.camion-sin-gas',
    );
    expect(opened).toBeDefined();
    const row = page.getByRole('region', { name: 'Formularios' }).locator('tbody tr').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('enviado');
    // The duplicate check knows the intake's answer at once, before any new fetch; after one, still.
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toContain(`N.º ${opened!.id}`);
    expect(await waiting.textContent()).toContain(formatDay(opened!.dueDate));
    await requirement().getByRole('button', { name: 'Actualizar' }).click();
    await expect
      .poll(() => requirement().getByRole('status').first().textContent())
      .toContain('según la central');
    expect(await waiting.textContent()).toContain(`N.º ${opened!.id}`);
    await screenshot(page, 'offline-ticket-answered');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // "Formularios" → «Ver»: the answer names the ticket, its number and due date.
    await row.getByRole('button', { name: /^Ver / }).click();
    const answer = page.getByRole('dialog').getByRole('region', { name: 'Respuesta de la central' });
    expect(await answer.textContent()).toContain(`Ticket ${opened!.id}, vence ${formatDay(opened!.dueDate)}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('devolución por trasvasije: with an approved balance the steps a–d are walked and recorded', async () => {
    const code = C.z0.codigo;
    const { ticket: backing } = await backOffice<{ ticket: ApiTicket }>('POST', '/tickets', {
      customerCode: code,
      typeId: 'pagos.trasvasije',
    });
    await backOffice('POST', `/tickets/${backing.id}/close`, {
      answer: 'Se aprueba la devolución de 350 litros.',
      replyMailbox: 'devoluciones@empresa.cl',
      balance: { amount: 350, unit: 'litros', approved: true },
    });
    await openRequirement(code, { blocked: true });
    await chooseLeaf('trasvasije');
    const steps = requirement().getByRole('group', { name: /Pasos/ });
    await steps.waitFor({ timeout: 15_000 });
    expect(await steps.textContent()).toContain('devoluciones@empresa.cl');
    expect(await steps.textContent()).toContain(backing.id);
    const form = requirement().getByRole('form', { name: /trasvasije/ });
    await form.getByLabel(/N.º de pedido/).fill('4500012');
    await form.getByRole('button', { name: 'Registrar devolución' }).click();
    expect(await requirement().getByRole('alert').textContent()).toContain(
      'Marque los pasos que faltan: a, b, c, d.',
    );
    for (const step of ['a.', 'b.', 'c.', 'd.'])
      await steps.getByRole('checkbox', { name: new RegExp(`^${step}`) }).check();
    await screenshot(page, 'trasvasije-steps');
    await form.getByRole('button', { name: 'Registrar devolución' }).click();
    await requirement().getByText('guardado en este equipo').waitFor();
    await waitAllSent(page, 60_000);
    const admin = await login(harness.server.url, DEMO.admin.username, DEMO.admin.password);
    const { forms } = await backOffice<{ forms: Array<{ id: string; formId: string }> }>(
      'GET',
      `/forms?customerCode=${code}`,
      undefined,
      admin,
    );
    const record = forms.find((f) => f.formId === 'trasvasije');
    const detail = await backOffice<{
      submission: { requirement: unknown; values: { orderNumber: string } };
    }>('GET', `/forms/${record!.id}`, undefined, admin);
    expect(detail.submission.requirement).toEqual({
      typeId: 'pagos.trasvasije',
      relatedTicketId: backing.id,
      walkthrough: { steps: ['a', 'b', 'c', 'd'], mailboxGiven: 'devoluciones@empresa.cl' },
    });
    expect(detail.submission.values.orderNumber).toBe('4500012');
    // No ticket was opened for it.
    expect((await ticketsOf(code)).map((t) => t.id)).toEqual([backing.id]);
  });
});
