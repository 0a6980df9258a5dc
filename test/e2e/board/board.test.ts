import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { neutralizeCell } from '../../../shared/export';
import { startAppServer, type AppServer } from '../directory-sync/support/appServer';
import { deadPort } from '../sync/support/globalSetup';
import { launchChromium } from '../support/browser';
import { ServerProcess } from '../sync/support/serverProcess';

const SUPERVISOR = { user: 'supervisor', password: 'companion-supervisor' };
const AGENT = { user: 'agente', password: 'companion-agente' };

let server: ServerProcess;
let app: AppServer;
let browser: Browser;
const env: Record<string, string> = { ...SUPERVISOR };

async function api(path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function token(who: { user: string; password: string }): Promise<string> {
  return (await api('/auth/login', null, { username: who.user, password: who.password })).body
    .token as string;
}

function form(customerName: string, daysAgo: number, formId = 'telecobranzas') {
  return {
    id: randomUUID(),
    formId,
    // A customer of the sample directory the server holds (it refuses codes its directory lacks).
    customerCode: String(10_000_000 + Math.floor(Math.random() * 300)),
    customerName,
    blockCodes: formId === 'telecobranzas' ? ['Z1'] : ['Z0'],
    agent: 'agente',
    createdAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    values: { contactName: 'María González', rut: '12.345.678-5', contactPhone: '+56 9 1234 5678' },
  };
}

async function openBoard(who = SUPERVISOR): Promise<Page> {
  Object.assign(env, who);
  const context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/** The cells of a table as its reader sees them: header row, then body rows. */
async function tableText(table: Locator): Promise<string[][]> {
  return table.evaluate((element) =>
    [...element.querySelectorAll('tr')]
      .map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) =>
          (cell.textContent ?? '').replace(/[▲▼]/g, '').trim(),
        ),
      )
      .filter((cells) => cells.some((text) => text !== '')),
  );
}

/** An export's cells as the table writes them: numbers es-CL, empty as "—", text neutralised. */
function asShown(rows: unknown[][]): string[][] {
  return rows.map((row) =>
    row.map((cell) =>
      cell === null || cell === undefined || cell === ''
        ? '—'
        : typeof cell === 'number'
          ? cell.toLocaleString('es-CL')
          : String(cell),
    ),
  );
}

async function download(page: Page, button: Locator): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return (await file.path())!;
}

beforeAll(async () => {
  server = new ServerProcess({
    smtpPort: await deadPort(), // mail worker off
    env: { MAIL_WORKER: '0', BOARD_LIVE_MIN_MS: '300' },
  });
  await server.start();
  const agent = await token(AGENT);
  const supervisor = await token(SUPERVISOR);
  const calls = Array.from({ length: 12 }, (_, i) => {
    const start = Date.now() - (i % 4) * 86_400_000 - 3_600_000;
    const missed = i % 3 === 0;
    return {
      id: `e2e-${i}`,
      direction: 'incoming',
      number: `+569445500${String(i).padStart(2, '0')}`,
      displayName: null,
      customerCode: String(100000 + i),
      blockCodes: i % 2 === 0 ? ['Z1'] : i % 5 === 0 ? ['ZB'] : [],
      startedAt: new Date(start).toISOString(),
      answeredAt: missed ? null : new Date(start + 3000).toISOString(),
      endedAt: new Date(start + 120_000).toISOString(),
      outcome: missed ? 'missed' : 'answered',
      transferTarget: null,
      companion: false,
      callBackOf: null,
    };
  });
  expect((await api('/calls/batch', agent, { calls })).body.accepted).toBe(12);
  const forms = [
    form('María González', 1),
    form('=HYPERLINK("http://x.example","clic")', 2),
    form('Comercial Los Aromos', 3, 'certificacion'),
  ];
  expect((await api('/forms/batch', agent, { forms })).body.accepted).toBe(3);
  expect((await api(`/forms/${forms[0]!.id}/resolution`, supervisor, { status: 'resuelto' })).status).toBe(
    200,
  );
  app = await startAppServer({
    roots: { '/': `${inject('boardWebDir')}/` },
    backOffice: () => server.url,
    env,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await server?.stop();
});

/** A section of the board (the app's own menu also has a «Casos» entry). */
const boardTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Secciones del tablero' }).getByRole('button', { name, exact: true });

describe('supervisors’ board', () => {
  it('has no entry for an agent (and the server answers 403)', async () => {
    const page = await openBoard(AGENT);
    await page.getByText('Central: Agente demo').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Tablero' }).count()).toBe(0);
    expect((await api('/board/options', await token(AGENT))).status).toBe(403);
    await page.context().close();
  });

  it('shows the figures, and exports each table as shown (CSV and .xlsx read back), formulas made inert', async () => {
    const page = await openBoard();
    await page.getByRole('button', { name: 'Tablero' }).click({ timeout: 60_000 });
    const table = page.getByRole('table', { name: 'Llamadas por bloqueo' });
    const blocks = page.locator('.board-table', { has: table });
    await table.getByRole('cell', { name: 'Z1', exact: true }).waitFor();
    expect(await tableText(table)).toEqual([
      ['Bloqueo', 'Llamadas', 'Perdidas'],
      ['Z1', '6', '2'],
      ['ZB', '1', '0'],
    ]);
    const xlsx = await readSheet(
      readFileSync(await download(page, blocks.getByRole('button', { name: /Excel/ }))),
    );
    expect(asShown(xlsx)).toEqual(await tableText(table));
    const csv = readFileSync(await download(page, blocks.getByRole('button', { name: /CSV/ })), 'utf8');
    expect(csv).toBe('\uFEFFBloqueo;Llamadas;Perdidas\r\nZ1;6;2\r\nZB;1;0\r\n');

    // The rows behind "Formularios": the customer name that looks like a formula is exported inert.
    await boardTab(page, 'Formularios').click();
    await page.locator('.board-kpi', { hasText: 'Formularios' }).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('3 filas').waitFor();
    const shown = await tableText(dialog.locator('table'));
    expect(shown.flat()).toContain('=HYPERLINK("http://x.example","clic")');
    // A supervisor may not see RUTs or phones: masked on screen and in the file.
    expect(shown.flat()).toContain('**.***.678-5');
    const rows = await readSheet(
      readFileSync(await download(page, dialog.getByRole('button', { name: /Excel/ }))),
    );
    expect(asShown(rows)).toEqual(
      shown.map((row) => row.map((text) => (text === '—' ? '—' : neutralizeCell(text)))),
    );
    expect(rows.flat()).toContain(`'=HYPERLINK("http://x.example","clic")`);
    expect(rows.flat()).not.toContain('12.345.678-5');
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await page.context().close();
  });

  it('refreshes by itself within 2 s of a new form arriving, and says how fresh it is', async () => {
    const page = await openBoard();
    await page.getByRole('button', { name: 'Tablero' }).click({ timeout: 60_000 });
    await boardTab(page, 'Formularios').click();
    const total = page.locator('.board-kpi', { hasText: 'Formularios' }).getByRole('button');
    await page.getByText('En vivo').waitFor();
    const before = Number(await total.textContent());
    const sent = Date.now();
    expect(
      (await api('/forms/batch', await token(AGENT), { forms: [form('Nuevo Cliente', 0)] })).body.accepted,
    ).toBe(1);
    await page.waitForFunction(
      ([selector, n]) => Number(document.querySelector(selector as string)?.textContent) === n,
      ['.board-kpi:first-child button', before + 1] as const,
      { timeout: 5_000 },
    );
    expect(Date.now() - sent).toBeLessThan(2_000);
    await expect.poll(() => page.locator('.board-fresh').textContent()).toMatch(/Actualizado hace \d+ s/);
    await page.context().close();
  });

  it('cases: a ZB form’s case appears by itself under its step, drills down to it; the indicator says it in words', async () => {
    const page = await openBoard();
    await page.getByRole('button', { name: 'Tablero' }).click({ timeout: 60_000 });
    await boardTab(page, 'Casos').click();
    await page.getByText('En vivo').waitFor();
    const opened = page
      .locator('.board-kpi', { hasText: 'Casos abiertos en el período' })
      .getByRole('button');
    const before = Number(await opened.textContent());
    const zb = {
      ...form('Comercial Las Lilas', 0, 'inactivo'),
      blockCodes: ['ZB'],
      values: {
        contactName: 'María González',
        rut: '12.345.678-5',
        contactPhone: '912345678',
        altPhone: '226939901',
        addressReference: 'Entre Los Aromos y Las Lilas',
      },
    };
    expect((await api('/forms/batch', await token(AGENT), { forms: [zb] })).body.accepted).toBe(1);
    // Refreshed by the case write's notification (no reload, no click).
    await expect.poll(() => opened.textContent(), { timeout: 5_000 }).toBe(String(before + 1));
    const steps = page.getByRole('table', { name: 'Casos sin cerrar por paso' });
    await steps.getByRole('cell', { name: 'Verificar el aviso EME en la Web Despacho' }).waitFor();
    // BOARD_SCREENSHOTS=dir keeps what a supervisor sees here (1366×768).
    if (process.env.BOARD_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.BOARD_SCREENSHOTS}/board-cases.png` });
    await steps
      .getByRole('row', { name: /Verificar el aviso EME/ })
      .getByRole('button')
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    // The case names its customer by code (its name comes from the server's directory, not the form).
    await dialog.getByRole('cell', { name: zb.customerCode, exact: true }).first().waitFor();
    await dialog.getByRole('button', { name: 'Cerrar' }).click();

    await boardTab(page, 'Indicador de anulaciones').click();
    const months = page.getByRole('list', { name: 'Indicador por mes' });
    await months.getByText('Sin casos cerrados').first().waitFor();
    // BOARD_SCREENSHOTS=dir keeps what a supervisor sees here (1366×768).
    if (process.env.BOARD_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.BOARD_SCREENSHOTS}/board-indicator.png` });
    const serious = (await new AxeBuilder({ page: page as never }).analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => v.id)).toEqual([]);
    await page.context().close();
  });

  it('is usable by keyboard and axe-core finds nothing serious (board and the rows dialog)', async () => {
    const page = await openBoard();
    await page.getByRole('button', { name: 'Tablero' }).click({ timeout: 60_000 });
    await page.locator('.board-kpi button').first().waitFor();
    const serious = async () =>
      (await new AxeBuilder({ page: page as never }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    // Keyboard: focus the first number and open its rows with Enter; Esc closes and focus returns.
    await page.locator('.board-kpi button').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await serious()).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.board-kpi') !== null)).toBe(true);
    await page.context().close();
  });

  it('offline, keeps showing the last figures with their age', async () => {
    const page = await openBoard();
    await page.getByRole('button', { name: 'Tablero' }).click({ timeout: 60_000 });
    await page.locator('.board-kpi button').first().waitFor();
    await server.kill();
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByRole('button', { name: 'Tablero' }).click({ timeout: 60_000 });
    await page.getByText(/Cifras guardadas en este equipo, hace \d+ s/).waitFor({ timeout: 30_000 });
    expect(await page.locator('.board-kpi button').first().textContent()).toMatch(/\d+/);
    await page.context().close();
  });
});
