import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, login, openEscalations } from './support/backOffice';
import { Harness } from './support/harness';
import {
  banner,
  injectForms,
  makeSubmission,
  openPage,
  openWorkstation,
  outbox,
  signInThroughPanel,
} from './support/workstation';

let harness: Harness;

beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness?.close();
});

const row = (page: Page, id: string) =>
  page.getByRole('region', { name: 'Formularios' }).locator(`tr[data-form-id="${id}"]`);

describe('one form the server keeps failing on (issue 9, item 1)', () => {
  it('the 2nd of 50 queued forms answers 500 every time: the other 49 arrive, it shows its reason', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    const forms = Array.from({ length: 50 }, (_, i) => makeSubmission(3_000 + i));
    const poison = forms[1]!.id;
    // Every batch that carries the poisoned form fails as the server did for a NUL in a field.
    harness.proxy.plan = (request) =>
      request.path === '/forms/batch' && request.ids.includes(poison) ? '500' : null;
    const ids = await injectForms(page, forms);

    try {
      await expect
        .poll(async () => (await outbox(page)).filter((e) => e.status === 'enviado').length, {
          timeout: 120_000,
          interval: 250,
        })
        .toBe(49);
    } catch (error) {
      // What the sender did, for the failure report.
      console.error(
        'batches:',
        harness.proxy.batches.map(
          (b) => `${b.ids.length}${b.ids.includes(poison) ? '*' : ''}:${b.fault ?? b.status}`,
        ),
        'banner:',
        await banner(page).textContent(),
        'outbox:',
        (await outbox(page)).slice(0, 3),
      );
      throw error;
    }
    const entries = await outbox(page);
    const parked = entries.find((e) => e.id === poison)!;
    expect(parked.status).toBe('rechazado');
    expect(parked.lastError).toContain('La central falla cada vez que recibe este formulario');

    // The agent sees it in «Formularios» with its reason, and the banner points there.
    await expect
      .poll(() => row(page, poison).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('rechazado');
    await row(page, poison).getByRole('button', { name: /^Ver / }).click();
    const answer = page.getByRole('dialog').getByRole('region', { name: 'Respuesta de la central' });
    expect(await answer.textContent()).toContain('quedó apartado para no detener la cola');
    await expect.poll(() => banner(page).textContent()).toContain('1 formulario rechazado');

    // The desk tells the supervisor (without the form's data): one item in their inbox, and the
    // agent reads that the notice went.
    const supervisor = await login(harness.server.url, DEMO.supervisor.username, DEMO.supervisor.password);
    const inbox = () => openEscalations(harness.server.url, supervisor, 'formulario_rechazado');
    await expect
      .poll(async () => (await inbox()).map((e) => e.details.idFormulario), { timeout: 30_000 })
      .toEqual([poison]);
    const [item] = await inbox();
    expect(item!.details.motivo).toMatch(/^Apartado por el equipo: la central falla cada vez/);
    expect(item).toMatchObject({ agent: 'Agente demo', customerCode: forms[1]!.customerCode });
    await expect
      .poll(() => answer.textContent(), { timeout: 15_000 })
      .toContain('Su supervisor tiene el aviso en su bandeja de escalamientos');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: '/tmp/sync-parked-form.png' });

    // The supervisor reads it in «Escalamientos» on their own desk.
    const supervisorContext = await openWorkstation(harness.browser, { defaults: 'url-only' });
    const desk = await openPage(supervisorContext);
    await desk.setViewportSize({ width: 1366, height: 768 });
    await signInThroughPanel(desk, DEMO.supervisor.username, DEMO.supervisor.password);
    await desk
      .getByRole('navigation', { name: 'Pantallas' })
      .getByRole('button', { name: /^Escalamientos/ })
      .click();
    await desk
      .getByRole('button', { name: /Formulario rechazado por la central/ })
      .click({ timeout: 30_000 });
    await expect
      .poll(() => desk.locator('.cases__detail').textContent(), { timeout: 30_000 })
      .toContain('Apartado por el equipo');
    await desk.screenshot({ path: '/tmp/sync-parked-escalation.png' });
    await supervisorContext.close();

    // The 49 are on the server once each; the poisoned one is not, and was not split off before
    // its batch had failed several times.
    const stored = (await harness.storedForms()).map((f) => f.id);
    expect(stored.sort()).toEqual(ids.filter((id) => id !== poison).sort());
    const withPoison = harness.proxy.batches.filter((b) => b.ids.includes(poison));
    expect(withPoison.filter((b) => b.ids.length > 1).length).toBeGreaterThanOrEqual(3);
    expect(withPoison.filter((b) => b.ids.length === 1).length).toBe(3);

    // Once the server takes it, «Reenviar» sends it under the same id: stored once.
    harness.proxy.plan = () => null;
    await answer.getByRole('button', { name: 'Reenviar' }).click();
    await expect
      .poll(() => row(page, poison).getAttribute('data-status'), { timeout: 30_000 })
      .toBe('enviado');
    await harness.expectExactlyOnce(ids);
    // The supervisor's item stays until they close it (the central did fail on it, time after time);
    // later drains did not report it again.
    expect((await inbox()).map((e) => e.details.idFormulario)).toEqual([poison]);
    await context.close();
  });
});
