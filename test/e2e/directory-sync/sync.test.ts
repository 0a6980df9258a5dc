import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseDirectoryCsv } from '../../../shared/directory/importer';
import { generateDirectoryText } from '../../../scripts/gen-directory';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, expectDialogStartsWith, openCustomer, resultRow, search } from '../support/app';
import { launchChromium, pageErrors, screenshot } from '../support/browser';
import { startAppServer, type AppServer } from './support/appServer';
import { AGENT, startBackOffice, type BackOffice } from './support/backOffice';

const ROWS = 2000;
const HEADER =
  'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';
// Customers of this test only (far from the generated codes and the sample's).
const SHOP_BEFORE =
  '77000001,12.345.678-5,Ferretería Antes,+56 9 7700 0001,,Metropolitana,Ñuñoa,Grecia,4321,,NO,,';
const SHOP_AFTER =
  '77000001,12.345.678-5,Ferretería Después,+56 9 7700 0001,,Metropolitana,Ñuñoa,Grecia,4321,,NO,,';
const NEW_SHOP =
  '77000002,11.111.111-1,Panadería Nueva,+56 9 7700 0002,,Metropolitana,Maipú,Pajaritos,99,,NO,,';

let work: string;
let backOffice: BackOffice;
let backOfficeUp = true;
let app: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const csvText = `${generateDirectoryText({ rows: ROWS, seed: 'e2e-directory', withFixtures: true }).trimEnd()}\n${SHOP_BEFORE}\n`;
const { customers } = parseDirectoryCsv(csvText);
// A customer only the back office has: the shipped sample stops at row 300.
const serverOnly =
  customers.find((c) => c.codigo === '10001500' && c.telefonos.length > 0) ??
  customers.find((c) => Number(c.codigo) > 10_000_500 && c.telefonos.length > 0)!;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'companion-directory-sync-'));
  const csv = join(work, 'directorio.csv');
  writeFileSync(csv, csvText);
  backOffice = await startBackOffice({ dataDir: join(work, 'server'), seedCsv: csv });
  const web = inject('directorySyncWeb');
  app = await startAppServer({
    roots: { '/': web.app, '/harness/': web.harness },
    backOffice: () => (backOfficeUp ? backOffice.url : null),
    env: { user: AGENT.username, password: AGENT.password },
  });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 900 } });
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
const ageText = () => page.locator('.directory-status__age').textContent();

describe('directory copy from the back office', () => {
  it('downloads the whole directory in the background and shows how old it is', async () => {
    const total = customers.length;
    await expect
      .poll(countText, { timeout: 30_000 })
      .toBe(`${total.toLocaleString('es-CL')} clientes en el directorio`);
    await expect.poll(ageText).toBe('directorio de hace menos de 1 min');
    // Headless Chromium refuses persistent storage: the agent is told what that means.
    await expect
      .poll(() => page.locator('.directory-status__persist').textContent())
      .toContain('El navegador no garantiza conservar el directorio local');
    await screenshot(page, 'directory-synced');
  });

  it('finds a customer only the back office had, by phone, RUT and code', async () => {
    await search(page, serverOnly.telefonos[0]!);
    await expect.poll(() => resultRow(page, serverOnly.codigo).count()).toBe(1);
    await search(page, serverOnly.rut);
    await expect.poll(() => resultRow(page, serverOnly.codigo).count()).toBe(1);
    await search(page, serverOnly.codigo);
    expect(await resultRow(page, serverOnly.codigo).textContent()).toContain(serverOnly.nombre);
  });

  it('picks up the changes made on the back office (a delta since its cursor)', async () => {
    await search(page, '77000001');
    expect(await resultRow(page, '77000001').textContent()).toContain('Ferretería Antes');
    await backOffice.importCsv(`${HEADER}\n${SHOP_AFTER}\n${NEW_SHOP}\n`);
    // The app syncs every few seconds in this build (COMPANION_SYNC_DIRECTORY_INTERVAL_MS).
    await expect
      .poll(
        async () => {
          await search(page, '77000001');
          return resultRow(page, '77000001').textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('Ferretería Después');
    await search(page, '+56 9 7700 0002');
    await expect.poll(() => resultRow(page, '77000002').count()).toBe(1);
    await expect
      .poll(countText)
      .toBe(`${(customers.length + 1).toLocaleString('es-CL')} clientes en el directorio`);
  });

  it('keeps finding customers and popping up blocks with the back office down', async () => {
    await backOffice.kill();
    backOfficeUp = false;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(() => page.locator('.directory-status__offline').textContent(), { timeout: 20_000 })
      .toMatch(
        /^Sin conexión con la central.*Las búsquedas usan el directorio local de hace menos de 1 min\.$/,
      );

    await search(page, serverOnly.telefonos[0]!);
    await expect.poll(() => resultRow(page, serverOnly.codigo).count()).toBe(1);
    await screenshot(page, 'directory-offline');
    await search(page, '77000002');
    await expect.poll(() => resultRow(page, '77000002').count()).toBe(1);

    // A blocked customer still pops its script (Z1 → Telecobranzas), from the local copy.
    await openCustomer(page, C.z1.telefonos[0]!, C.z1.codigo);
    await dialog(page).waitFor();
    await expectDialogStartsWith(page, 'Bloqueo Z1');
    await dialog(page).getByRole('button', { name: 'Cerrar' }).click();
  });

  it('still has the copy after a restart while the back office is down', async () => {
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await expect
      .poll(countText)
      .toBe(`${(customers.length + 1).toLocaleString('es-CL')} clientes en el directorio`);
    await search(page, serverOnly.rut);
    await expect.poll(() => resultRow(page, serverOnly.codigo).count()).toBe(1);
    await expect.poll(ageText).toMatch(/^directorio de hace (menos de 1|\d+) min$/);
  });

  it('warns when the copy is older than the configured limit', async () => {
    // An administrator's setting (Dexie meta "directoryMaxAgeHours"); here 2 seconds.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('companion');
          open.onsuccess = () => {
            const tx = open.result.transaction('meta', 'readwrite');
            tx.objectStore('meta').put({ key: 'directoryMaxAgeHours', value: 2 / 3600 });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    await page.waitForTimeout(2500);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'El directorio tiene más de' }).textContent())
      .toMatch(/los datos pueden estar desactualizados\.$/);
  });
});
