import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FormSubmission } from '../../../../shared/forms/submission';
import { SAMPLE_CUSTOMERS as C } from '../../../fixtures/sampleCustomers';
import { dialog, openCustomer } from '../../support/app';

let backOfficeUrl: string | null = null;

/** The back office this test file's workstations talk to (its fault proxy, on the port it bound). */
export function setBackOfficeUrl(url: string): void {
  backOfficeUrl = url;
}

function backOffice(): string {
  if (!backOfficeUrl) throw new Error('setBackOfficeUrl() was not called (Harness.start does it)');
  return backOfficeUrl;
}

/**
 * Serves a context the web mode's run-time defaults as `npm run web` would with
 * COMPANION_SERVER_URL set to this file's back office: all of them (URL + kiosk user), only the
 * URL, or nothing.
 */
export async function routeRuntimeEnv(
  context: BrowserContext,
  serverUrl: string,
  defaults: 'kiosk' | 'url-only' | 'none',
): Promise<void> {
  await context.route('**/companion-env.json', async (route) => {
    let body: Record<string, unknown> = {};
    if (defaults === 'kiosk') body = { ...((await (await route.fetch()).json()) as object), serverUrl };
    else if (defaults === 'url-only') body = { serverUrl };
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) });
  });
}

export interface WorkstationOptions {
  /** Shift this profile's clock (Date) by this much: a workstation with a wrong clock. */
  clockOffsetMs?: number;
  /** What `npm run web` would serve as defaults: all (URL + kiosk user), only the URL, nothing. */
  defaults?: 'kiosk' | 'url-only' | 'none';
}

export interface Outboxed {
  id: string;
  status: 'pendiente' | 'enviado' | 'rechazado';
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** A browser profile of its own (its own IndexedDB): one agent workstation. */
export async function openWorkstation(
  browser: Browser,
  options: WorkstationOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    viewport: { width: 1366, height: 900 },
  });
  if (options.clockOffsetMs) {
    // Overrides Date before any app code runs; the offset may be changed later through localStorage.
    await context.addInitScript((offset: number) => {
      const RealDate = Date;
      const shift = () => {
        try {
          const stored = localStorage.getItem('test.clockOffsetMs');
          return stored === null ? offset : Number(stored);
        } catch {
          return offset;
        }
      };
      class SkewedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(RealDate.now() + shift());
          else super(...(args as [number]));
        }
        static override now() {
          return RealDate.now() + shift();
        }
      }
      globalThis.Date = SkewedDate as DateConstructor;
    }, options.clockOffsetMs);
  }
  await routeRuntimeEnv(context, backOffice(), options.defaults ?? 'kiosk');
  return context;
}

export async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(inject('syncBaseUrl'));
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

export async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
}

export const banner = (page: Page) =>
  page.getByRole('region', { name: 'Envío a la central' }).getByRole('status');

/** A telecobranzas form as the app would queue it (valid for the server). */
export function makeSubmission(index: number, overrides: Partial<FormSubmission> = {}): FormSubmission {
  return {
    id: randomUUID(),
    formId: 'telecobranzas',
    // A customer of the sample directory the server holds (it refuses codes its directory lacks).
    customerCode: String(10_000_000 + (index % 300)),
    customerName: `Cliente de prueba ${index}`,
    blockCodes: ['Z1'],
    agent: 'agente',
    createdAt: new Date().toISOString(),
    values: {
      contactName: `Contacto ${index}`,
      rut: '12.345.678-5',
      contactPhone: '+56 9 1234 5678',
      contactEmail: '',
      contactSchedule: '',
      observations: `Formulario ${index}`,
    },
    ...overrides,
  };
}

/**
 * Writes forms straight into the app's IndexedDB outbox, as many agents typing at once would
 * (the app's own sender finds them on its next periodic check).
 */
export async function injectForms(
  page: Page,
  forms: FormSubmission[],
  status: Outboxed['status'] = 'pendiente',
): Promise<string[]> {
  await page.evaluate(
    async ({ forms, status }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('companion');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('outbox', 'readwrite');
      for (const submission of forms) {
        tx.objectStore('outbox').put({
          id: submission.id,
          submission,
          status,
          attempts: 0,
          lastError: null,
          createdAt: submission.createdAt,
          ticket: null,
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { forms, status },
  );
  return forms.map((f) => f.id);
}

/** The outbox as stored in this profile's IndexedDB. */
export async function outbox(page: Page): Promise<Outboxed[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('companion');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      const request = db.transaction('outbox').objectStore('outbox').getAll();
      request.onsuccess = () => resolve(request.result as Array<Record<string, unknown>>);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all.map((e) => ({
      id: e.id as string,
      status: e.status as 'pendiente',
      attempts: e.attempts as number,
      lastError: e.lastError as string | null,
      createdAt: e.createdAt as string,
    }));
  });
}

export async function waitAllSent(page: Page, timeout = 120_000): Promise<Outboxed[]> {
  await expect
    .poll(async () => (await outbox(page)).filter((e) => e.status !== 'enviado').length, {
      timeout,
      interval: 250,
    })
    .toBe(0);
  return outbox(page);
}

/** An agent answers a Z1 customer and presses OK on the telecobranzas form, through the UI. */
export async function queueThroughUi(page: Page): Promise<void> {
  await openCustomer(page, C.z1.codigo, C.z1.codigo);
  const form = dialog(page).getByRole('form', { name: /Telecobranzas/ });
  const recent = dialog(page).getByRole('region', { name: 'Caso ya ingresado' });
  await form.or(recent).first().waitFor();
  if (await recent.count()) {
    // This customer's collections case is already in (an earlier form of the file): a note to it.
    await addNote(page, 'El cliente vuelve a llamar por su bloqueo');
  } else {
    await form.getByLabel(/RUT del titular/).fill(C.z1.written.rut);
    await form.getByLabel(/Teléfono de contacto/).fill('9 5123 4567');
    await form.getByRole('button', { name: 'OK' }).click();
  }
  await dialog(page).getByRole('status').filter({ hasText: 'pendiente' }).waitFor();
  await dialog(page).getByRole('button', { name: 'Cerrar' }).click();
}

/** «Agregar nota» on the recent case the open pop-up shows, and sends it. */
export async function addNote(page: Page, text: string): Promise<void> {
  await dialog(page)
    .getByRole('region', { name: 'Caso ya ingresado' })
    .getByRole('button', { name: 'Agregar nota' })
    .click();
  const note = dialog(page).getByRole('form', { name: 'Nota a un caso ya ingresado' });
  await note.getByLabel(/Nota para el área/).fill(text);
  await note.getByRole('button', { name: 'Enviar nota' }).click();
}

/** Signs in through "Iniciar sesión en la central". */
export async function signInThroughPanel(page: Page, username: string, password: string): Promise<void> {
  const region = page.getByRole('region', { name: 'Envío a la central' });
  if (!(await page.getByRole('heading', { name: 'Iniciar sesión en la central' }).isVisible())) {
    await region.getByRole('button', { name: 'Iniciar sesión en la central' }).click();
  }
  await page.getByLabel('Dirección de la central').fill(backOffice());
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await expect.poll(() => region.getByRole('button', { name: /^Central: / }).count()).toBe(1);
}
