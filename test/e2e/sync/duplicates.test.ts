import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, openCustomer } from '../support/app';
import { Harness } from './support/harness';
import {
  addNote,
  banner,
  openPage,
  openWorkstation,
  outbox,
  queueThroughUi,
  waitAllSent,
} from './support/workstation';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness?.close();
});

async function connected(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect
    .poll(() => banner(page).textContent(), { timeout: 15_000 })
    .toContain('Conectado con la central');
}

describe('duplicate guard against the real back office', () => {
  it('a second collections call for the same customer, on another workstation, shows the first case; a note goes out, not a second case', async () => {
    const first = await openPage(await openWorkstation(harness.browser));
    await connected(first);
    await queueThroughUi(first);
    await waitAllSent(first, 30_000);

    // Another agent, another workstation: it learns of the case from the central.
    const second = await openPage(await openWorkstation(harness.browser));
    await connected(second);
    await openCustomer(second, C.z1.codigo, C.z1.codigo);
    const recent = dialog(second).getByRole('region', { name: 'Caso ya ingresado' });
    await recent.waitFor();
    const text = (await recent.textContent()) ?? '';
    expect(text).toMatch(/Toma de datos para Telecobranzas, hoy a las \d{2}:\d{2} \(tomado por /);
    expect(text).toMatch(/estado «(recibido por la central|enviado al área)»/);
    expect(
      await dialog(second)
        .getByRole('form', { name: /Telecobranzas/ })
        .count(),
    ).toBe(0);
    await second.screenshot({ path: '/tmp/sync-recent-case.png' });

    await addNote(second, 'El cliente ya pagó la factura: pide revisar el desbloqueo');
    await dialog(second).getByRole('status').filter({ hasText: 'Nota al caso ya ingresado' }).waitFor();
    await waitAllSent(second, 30_000);

    const created = [...(await outbox(first)), ...(await outbox(second))].map((entry) => entry.id);
    expect(created).toHaveLength(2);
    // Each mail exactly once, and only two: the case's and its note's.
    const stored = await harness.expectExactlyOnce(created);
    expect(stored.filter((form) => form.formId === 'telecobranzas')).toHaveLength(1);
    expect(stored.filter((form) => form.formId === 'nota')).toHaveLength(1);
    expect(harness.smtp.counts().size).toBe(2);
  });
});
