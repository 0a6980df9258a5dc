import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, customerTickets, login, revoke } from './support/backOffice';
import { Harness } from './support/harness';
import {
  banner,
  injectForms,
  makeSubmission,
  openPage,
  openWorkstation,
  outbox,
  queueThroughUi,
  reload,
  signInThroughPanel,
  waitAllSent,
} from './support/workstation';

let harness: Harness;
/** Every form any browser created in this file: the server must end up with exactly these. */
const created = new Set<string>();
const MINUTE = 60_000;

beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness?.close();
});

const formsRegion = (page: Page) => page.getByRole('region', { name: 'Formularios' });
const row = (page: Page, id: string) => formsRegion(page).locator(`tr[data-form-id="${id}"]`);
/** The back office's answer in the detail of a form opened with «Ver». */
const answerOf = (page: Page) =>
  page.getByRole('dialog').getByRole('region', { name: 'Respuesta de la central' });
const sessionRegion = (page: Page) => page.getByRole('region', { name: 'Envío a la central' });
const tokenOf = (page: Page) =>
  page.evaluate(() => localStorage.getItem('companion.secret.backoffice.token'));

async function remember(page: Page): Promise<void> {
  for (const entry of await outbox(page)) created.add(entry.id);
}

describe('kiosk workstation (defaults from npm run web)', () => {
  it('signs in by itself and sends what the agent queues', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    await queueThroughUi(page);
    await remember(page);
    await waitAllSent(page, 30_000);
    await expect.poll(() => formsRegion(page).locator('tbody tr').first().textContent()).toContain('enviado');
    const stored = await harness.expectExactlyOnce(created);
    expect(stored[0]).toMatchObject({ submittedBy: 'agente', agent: 'agente', routeKey: 'TC' });
    await context.close();
  });

  it('offline: the banner counts the queue and the age of the oldest form; back online it drains by itself', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    harness.proxy.down = true;
    const twelveMinutesAgo = new Date(Date.now() - 12 * MINUTE - 5_000).toISOString();
    await injectForms(page, [makeSubmission(1, { createdAt: twelveMinutesAgo })]);
    await queueThroughUi(page);
    await remember(page);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toBe('Sin conexión con la central — 2 formularios en cola, el más antiguo hace 12 min');
    await expect.poll(() => formsRegion(page).locator('tbody tr[data-status="pendiente"]').count()).toBe(2);
    await page.screenshot({ path: '/tmp/sync-offline-banner.png' });

    harness.proxy.down = false;
    await waitAllSent(page, 30_000);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toBe('Conectado con la central — todos los formularios enviados.');
    await harness.expectExactlyOnce(created);
    await context.close();
  });

  it('a Z4 form shows the post-sale ticket the back office opened for it', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    // A customer of the sample directory the server holds (it refuses codes its directory lacks).
    const customerCode = String(10_000_000 + Math.floor(Math.random() * 300));
    const [id] = await injectForms(page, [
      makeSubmission(3, {
        formId: 'ticketBloqueo',
        customerCode,
        blockCodes: ['Z4'],
        values: {
          contactName: 'María González',
          contactEmail: 'maria@correo.cl',
          contactPhone: '912345678',
          rut: '12345678-5',
          observations: 'Regulador fuera de norma',
        },
      }),
    ]);
    created.add(id!);
    await expect.poll(() => row(page, id!).getAttribute('data-status'), { timeout: 15_000 }).toBe('enviado');
    const [ticket] = await customerTickets(harness.server.url, harness.adminToken, customerCode);
    const [year, month, day] = ticket!.dueDate.split('-');
    await row(page, id!).getByRole('button', { name: /^Ver / }).click();
    expect(await answerOf(page).textContent()).toContain(
      `Ticket ${ticket!.id}, vence ${day}-${month}-${year}`,
    );
    await page.screenshot({ path: '/tmp/sync-form-ticket.png' });
    await page.keyboard.press('Escape');
    await harness.expectExactlyOnce(created);
    await context.close();
  });

  it('a rejected form is kept with the server reason, corrected and resent under the same id', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    // Queued by an older app version whose RUT check was laxer: the server's schema refuses it.
    const [id] = await injectForms(page, [
      makeSubmission(2, { values: { ...makeSubmission(2).values, rut: '12.345.678-9' } }),
    ]);
    created.add(id!);
    await expect
      .poll(() => row(page, id!).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('rechazado');
    await row(page, id!).getByRole('button', { name: /^Ver / }).click();
    expect(await answerOf(page).textContent()).toContain('RUT del titular');
    await expect
      .poll(() => banner(page).textContent())
      .toContain('1 formulario rechazado: corríjalo en «Formularios».');
    await page.screenshot({ path: '/tmp/sync-rejected-form.png' });
    expect(await harness.storedForms().then((forms) => forms.some((f) => f.id === id))).toBe(false);

    // "Reenviar" as it is: the app's own rules already say the server would refuse it again.
    const sendsOf = () => harness.proxy.batches.filter((b) => b.ids.includes(id!)).length;
    const sendsBefore = sendsOf();
    await answerOf(page).getByRole('button', { name: 'Reenviar' }).click();
    expect(await answerOf(page).getByRole('alert').textContent()).toContain('Use «Corregir»');
    await page.waitForTimeout(1_000);
    expect(sendsOf()).toBe(sendsBefore);
    expect(await row(page, id!).getAttribute('data-status')).toBe('rechazado');

    await answerOf(page).getByRole('button', { name: 'Corregir' }).click();
    const editor = page.getByRole('dialog', { name: 'Corregir formulario rechazado' });
    expect(await editor.textContent()).toContain('RUT del titular');
    const rut = editor.getByLabel(/RUT del titular/);
    expect(await rut.inputValue()).toBe('12.345.678-9');
    await rut.fill('12.345.678-5');
    await page.screenshot({ path: '/tmp/sync-rejected-editor.png' });
    await editor.getByRole('button', { name: 'Guardar y reenviar' }).click();
    await expect.poll(() => row(page, id!).getAttribute('data-status'), { timeout: 15_000 }).toBe('enviado');
    const stored = await harness.expectExactlyOnce(created);
    expect(stored.find((f) => f.id === id)).toBeDefined();
    await context.close();
  });
});

describe('signing in to the back office', () => {
  it('standalone: with no back office configured the forms wait in the queue', async () => {
    const context = await openWorkstation(harness.browser, { defaults: 'none' });
    const page = await openPage(context);
    await queueThroughUi(page);
    await expect
      .poll(() => banner(page).textContent())
      .toBe(
        'Sin central configurada — 1 formulario en cola, el más antiguo hace menos de 1 min. Los formularios esperan en este equipo.',
      );
    await page.waitForTimeout(1_500);
    expect((await outbox(page))[0]?.status).toBe('pendiente');
    await context.close();
  });

  it('signs in from the panel, survives a restart, and a 401 pauses sending without losing the queue', async () => {
    const created401 = await fetch(`${harness.server.url}/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${harness.adminToken}` },
      body: JSON.stringify({
        username: 'ana.sync',
        password: 'clave-de-prueba-1',
        role: 'agent',
        displayName: 'Ana Sync',
        supervisor: 'supervisor',
      }),
    });
    expect(created401.status).toBe(201);

    const context = await openWorkstation(harness.browser, { defaults: 'url-only' });
    const page = await openPage(context);
    await queueThroughUi(page);
    await expect
      .poll(() => banner(page).textContent())
      .toContain('Sin sesión en la central — 1 formulario en cola');
    await signInThroughPanel(page, 'ana.sync', 'clave-de-prueba-1');
    // The panel closed itself with the focus on its «Iniciar sesión»: the focus is back on its button.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Central: Ana Sync');
    await remember(page);
    await waitAllSent(page, 30_000);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('clave-de-prueba-1');

    await reload(page);
    await expect
      .poll(() => sessionRegion(page).getByRole('button', { name: 'Central: Ana Sync' }).count())
      .toBe(1);
    await queueThroughUi(page);
    await remember(page);
    await waitAllSent(page, 30_000);
    const afterSignIn = (await harness.storedForms()).find(
      (f) => f.submittedBy === 'ana.sync' && f.agent === 'ana.sync',
    );
    expect(afterSignIn, 'the signed-in account is the agent of new forms').toBeDefined();

    // The back office revokes the token: the next batch gets 401.
    await revoke(harness.server.url, (await tokenOf(page))!);
    await queueThroughUi(page);
    await remember(page);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Sesión vencida en la central: inicie sesión nuevamente — 1 formulario en cola');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Iniciar sesión en la central' }).isVisible())
      .toBe(true);
    await page.waitForTimeout(1_000);
    expect((await outbox(page)).filter((e) => e.status === 'pendiente')).toHaveLength(1);

    await signInThroughPanel(page, 'ana.sync', 'clave-de-prueba-1');
    await waitAllSent(page, 30_000);
    await harness.expectExactlyOnce(created);
    await context.close();
  });

  it('renews the token at half its life, measured from the server clock, on a workstation hours off', async () => {
    const HOUR = 60 * MINUTE;
    const context = await openWorkstation(harness.browser, { clockOffsetMs: 3 * HOUR });
    const page = await openPage(context);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    const first = await tokenOf(page);
    // Restart with the same (skewed) clock: the 12 h token is not due.
    await reload(page);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    expect(await tokenOf(page)).toBe(first);

    // Seven hours later (still 3 h off): renewed at restart; the old token no longer works.
    await page.evaluate((offset) => localStorage.setItem('test.clockOffsetMs', String(offset)), 10 * HOUR);
    await reload(page);
    await expect.poll(() => tokenOf(page), { timeout: 15_000 }).not.toBe(first);
    const me = await fetch(`${harness.server.url}/auth/me`, {
      headers: { authorization: `Bearer ${first}` },
    });
    expect(me.status).toBe(401);
    await queueThroughUi(page);
    await remember(page);
    await waitAllSent(page, 30_000);
    await harness.expectExactlyOnce(created);
    expect(await login(harness.server.url, DEMO.agent.username, DEMO.agent.password)).toBeTruthy();
    await context.close();
  });
});
