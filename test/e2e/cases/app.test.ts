// The back-office screens inside the real app (web mode, the composition root's services), signed in
// through the app's own sign-in panel against the real back office.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppServer, type AppServer } from '../directory-sync/support/appServer';
import { dialog, resultRow, search } from '../support/app';
import { launchChromium, screenshot } from '../support/browser';
import {
  createPeople,
  escalateDataAlreadyTaken,
  PASSWORD,
  refusedForm,
  startBackOffice,
  zbForm,
  type BackOffice,
} from './support/backOffice';
import { fitsWindow, seriousViolations } from './support/page';

let browser: Browser;
let backOffice: BackOffice;
let app: AppServer;
let zbCase: number;

beforeAll(async () => {
  [browser, backOffice] = await Promise.all([launchChromium(), startBackOffice()]);
  await createPeople(backOffice);
  zbCase = await zbForm(backOffice, '10000044', 'Isidora Olivares Zúñiga');
  // An agent's "el cliente dice que ya le tomaron los datos": the supervisors' inbox has it.
  await escalateDataAlreadyTaken(backOffice, '10000070', 'Sebastián Ruiz Vergara');
  // No kiosk account: each test signs in by hand, as a back-office user does on a shared desk.
  app = await startAppServer({
    roots: { '/': `${inject('boardWebDir')}/` },
    backOffice: () => backOffice.url,
    env: {},
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await backOffice?.stop();
});

interface OpenedApp {
  page: Page;
  /** Every script the page downloaded, by file name. */
  scripts: string[];
  errors: string[];
}

async function openApp(): Promise<OpenedApp> {
  const context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const opened: OpenedApp = { page, scripts: [], errors: [] };
  page.on('request', (request) => {
    if (request.resourceType() === 'script') opened.scripts.push(new URL(request.url()).pathname);
  });
  page.on('pageerror', (error) => opened.errors.push(error.message));
  await page.goto(app.url);
  await page.waitForSelector('html[data-ready="true"]');
  return opened;
}

/** The sign-in panel of the app, by keyboard: the central's address is the deployment's default. */
async function signIn(page: Page, username: string, password: string, displayName: string) {
  await page.getByRole('button', { name: 'Iniciar sesión en la central' }).click();
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByLabel('Contraseña').press('Enter');
  await page.getByRole('button', { name: `Central: ${displayName}` }).waitFor({ timeout: 60_000 });
}

async function signOut(page: Page) {
  const panel = page.getByRole('region', { name: 'Sesión en la central' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Central: / }).click();
  await panel.getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.getByRole('button', { name: 'Iniciar sesión en la central' }).waitFor();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Pantallas' });
const isCaseChunk = (script: string) => /(CasesScreen|EscalationsScreen)[^/]*\.js$/.test(script);

const caseNumber = (id: number) => `ZB-${String(id).padStart(6, '0')}`;

describe('back-office screens in the app', () => {
  it('an agent gets no case entry and never downloads the screens (403), but the pop-up tells where the customer’s case is', async () => {
    const { page, scripts, errors } = await openApp();
    await signIn(page, 'agente', 'companion-agente', 'Agente demo');
    expect(await nav(page).getByRole('button').allTextContents()).toEqual(['Escritorio', 'Llamadas']);
    expect(await page.getByRole('button', { name: 'Casos', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Escalamientos', exact: true }).count()).toBe(0);
    expect(scripts.filter(isCaseChunk)).toEqual([]);

    // The ZB customer's pop-up says where the back office is with the unblock, and so does the card.
    // The directory may still be downloading on a busy machine: search again until the row is there.
    await expect
      .poll(
        async () => {
          await search(page, '10000044');
          return resultRow(page, '10000044').count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    await resultRow(page, '10000044').getByRole('button').click();
    const popupCases = dialog(page).getByRole('region', { name: 'Casos del cliente en la central' });
    await expect
      .poll(() => popupCases.textContent(), { timeout: 30_000 })
      .toContain(`${caseNumber(zbCase)} Protocolo de bloqueos ZB`);
    expect(await popupCases.textContent()).toContain('en curso: Verificar el aviso EME en la Web Despacho');
    await screenshot(page, 'app-agent-popup-cases');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: 'Cerrar', exact: true }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('region', { name: 'Cliente seleccionado' })
            .getByRole('region', { name: 'Casos del cliente en la central' })
            .textContent(),
        { timeout: 30_000 },
      )
      .toContain(caseNumber(zbCase));
    expect(scripts.filter(isCaseChunk)).toEqual([]);

    const agent = await backOffice.token('agente', 'companion-agente');
    expect((await backOffice.call(agent, 'GET', '/cases')).status).toBe(403);
    expect((await backOffice.call(agent, 'GET', '/escalations')).status).toBe(403);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the RRSS supervisor opens Casos from the menu by keyboard and works the case there', async () => {
    const { page, scripts, errors } = await openApp();
    await signIn(page, 'rosa', PASSWORD, 'Rosa Rojas');
    // A back-office account: the desk and the cases, not the contact-centre supervisors' screens.
    expect(await nav(page).getByRole('button').allTextContents()).toEqual([
      'Escritorio',
      'Llamadas',
      'Casos',
    ]);
    expect(scripts.filter(isCaseChunk)).toEqual([]);

    await nav(page).getByRole('button', { name: 'Casos' }).focus();
    await page.keyboard.press('Enter');
    expect(await nav(page).getByRole('button', { name: 'Casos' }).getAttribute('aria-current')).toBe('page');
    const entry = page.getByRole('button', { name: new RegExp(caseNumber(zbCase)) });
    await entry.waitFor({ timeout: 30_000 });
    expect(scripts.some(isCaseChunk)).toBe(true);
    await entry.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { level: 3 }).textContent(), { timeout: 30_000 })
      .toContain(caseNumber(zbCase));
    expect(await page.getByText('Isidora Olivares Zúñiga').count()).toBeGreaterThan(0);
    expect(await fitsWindow(page)).toBe(true);
    await screenshot(page, 'app-cases-1366x768');
    expect(await seriousViolations(page)).toEqual([]);

    // Acting on the step goes through the app's client and session, as reading does.
    await page.getByRole('button', { name: 'No hay aviso: llamar al cliente' }).click();
    await page.getByRole('button', { name: 'Registrar' }).click();
    await expect
      .poll(() => page.locator('.case__where').textContent(), { timeout: 30_000 })
      .toContain('Llamar al cliente y coordinar la visita');

    // Back to the desk, then signed out: the entries go with the session.
    await nav(page).getByRole('button', { name: 'Escritorio' }).click();
    await signOut(page);
    expect(await nav(page).getByRole('button').allTextContents()).toEqual(['Escritorio', 'Llamadas']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a contact-centre supervisor also gets Escalamientos; both screens pass axe and fit 1366×768', async () => {
    const { page, errors } = await openApp();
    await signIn(page, 'supervisor', 'companion-supervisor', 'Supervisora demo');
    const entries = nav(page).getByRole('button');
    expect((await entries.allTextContents()).map((text) => text.replace(/\d.*$/, ''))).toEqual([
      'Escritorio',
      'Llamadas',
      'Tablero',
      'Casos',
      'Escalamientos',
    ]);
    // The open escalations are counted next to the entry, and the count follows the server live
    // (the board's event stream): a form the server refuses now is one more, without a reload.
    const count = nav(page).getByTestId('open-escalations');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/^\d+, \d+ abiertos?$/);
    const before = Number((await count.textContent())!.split(',')[0]);
    const reason = await refusedForm(backOffice, '10000071', 'Rosa Fuentes Lagos');
    await expect
      .poll(() => count.textContent(), { timeout: 30_000 })
      .toBe(`${before + 1}, ${before + 1} abiertos`);
    expect(
      await nav(page)
        .getByRole('button', { name: /^Escalamientos.*\d+ abiertos?$/ })
        .count(),
    ).toBe(1);
    await screenshot(page, 'app-escalations-count');

    await nav(page)
      .getByRole('button', { name: /^Escalamientos/ })
      .click();
    // The refused form is an inbox item with the server's reason and the agent who sent it.
    await page
      .getByRole('button', { name: /Formulario rechazado por la central/ })
      .click({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('.cases__detail').textContent(), { timeout: 30_000 })
      .toContain(reason);
    const detail = (await page.locator('.cases__detail').textContent())!;
    expect(detail).toContain('Rosa Fuentes Lagos');
    expect(detail).toContain('Motivo del rechazo');
    expect(detail).toMatch(/de Agente demo|agente/i);
    await screenshot(page, 'app-escalations-refused-form');
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('button', { name: /El cliente dice que ya le tomaron los datos/ })
      .click({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('.cases__detail').textContent(), { timeout: 30_000 })
      .toContain('Sebastián Ruiz Vergara');
    expect(await fitsWindow(page)).toBe(true);
    await screenshot(page, 'app-escalations-1366x768');
    expect(await seriousViolations(page)).toEqual([]);

    await nav(page).getByRole('button', { name: 'Casos' }).click();
    await page.getByRole('button', { name: new RegExp(caseNumber(zbCase)) }).waitFor({ timeout: 30_000 });
    expect(await fitsWindow(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
