import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAMPLE_CUSTOMERS as C, SAMPLE_DIRECTORY_PATH } from '../../fixtures/sampleCustomers';
import { resultRow, search } from '../support/app';
import { launchChromium, pageErrors, screenshot } from '../support/browser';
import { startAppServer, type AppServer } from './support/appServer';
import { AGENT, startBackOffice, type BackOffice } from './support/backOffice';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLE_ROWS = readFileSync(join(ROOT, SAMPLE_DIRECTORY_PATH), 'utf8').trim().split('\n').length - 1;
const HEADER =
  'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';
const LOCAL_SHOP =
  '77000501,12.345.678-5,Ferretería Local,+56 9 7700 0501,,Metropolitana,Ñuñoa,Grecia,4321,,NO,,';

let work: string;
let backOffice: BackOffice;
let app: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'companion-directory-held-'));
  // A back office whose directory is empty (nothing imported yet).
  backOffice = await startBackOffice({ dataDir: join(work, 'server') });
  const web = inject('directorySyncWeb');
  app = await startAppServer({
    roots: { '/': web.app, '/harness/': web.harness },
    backOffice: () => backOffice.url,
    // The desk starts with the sample directory (demo mode, asked for explicitly since a back office
    // is configured: renderer/app/demoMode.ts) — the working copy the empty snapshot must not wipe.
    env: { user: AGENT.username, password: AGENT.password, demo: '1' },
  });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await page.goto(app.url);
  await page.waitForSelector('html[data-ready="true"]');
});

afterAll(async () => {
  expect(pageErrors(page)).toEqual([]);
  await context?.close();
  await browser?.close();
  await app?.close();
  await backOffice?.kill();
  rmSync(work, { recursive: true, force: true });
});

const countText = () => page.locator('.import__row .muted').first().textContent();
const held = () => page.locator('.directory-status__held');

describe('a snapshot never silently wipes a working directory', () => {
  it('signed in to a back office with an empty directory: the sample is kept and the agent is told why', async () => {
    await expect
      .poll(() => held().textContent(), { timeout: 30_000 })
      .toContain(
        `La central envió un directorio vacío: se conserva el de este equipo (${SAMPLE_ROWS} clientes)`,
      );
    await screenshot(page, 'directory-held-empty');
    expect(await countText()).toBe(`${SAMPLE_ROWS} clientes en el directorio`);
    await search(page, C.noBlock.codigo);
    await expect.poll(() => resultRow(page, C.noBlock.codigo).count()).toBe(1);
  });

  it('customers imported from a file are kept when the back office gets a directory, until the agent replaces them', async () => {
    await page.getByLabel('Importar directorio').setInputFiles({
      name: 'local.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\n${LOCAL_SHOP}\n`),
    });
    await page.locator('.import__result').waitFor();
    // The shipped sample gives way to the first real directory (renderer/app/demoData.ts).
    await expect.poll(countText).toBe('1 cliente en el directorio');

    await backOffice.importCsv(readFileSync(join(ROOT, SAMPLE_DIRECTORY_PATH), 'utf8'));
    await expect
      .poll(() => held().textContent(), { timeout: 30_000 })
      .toContain('se conservan los importados hasta que usted elija reemplazarlos');
    await search(page, '77000501');
    await expect.poll(() => resultRow(page, '77000501').count()).toBe(1);

    await held().getByRole('button', { name: 'Reemplazar por el directorio de la central' }).click();
    await expect.poll(countText, { timeout: 30_000 }).toBe(`${SAMPLE_ROWS} clientes en el directorio`);
    await expect.poll(() => held().count()).toBe(0);
    await search(page, '77000501');
    expect(await resultRow(page, '77000501').count()).toBe(0);
  });
});
