import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_DIRECTORY_PATH } from '../../fixtures/sampleCustomers';
import { resultRow, search } from '../support/app';
import { screenshot, freshAppPerFile } from '../support/browser';

const root = resolve(import.meta.dirname, '../../..');
let page: Page;
const appPage = freshAppPerFile();
beforeAll(() => {
  page = appPage();
});

async function importFile(path: string): Promise<string> {
  await page.getByLabel('Importar directorio').setInputFiles(path);
  const result = page.locator('.import__result');
  await result.waitFor();
  return (await result.locator('p').first().textContent()) ?? '';
}

describe('Importar directorio', () => {
  it('starts with the sample directory already loaded (demo mode: npm run web without a back office)', async () => {
    await expect
      .poll(() => page.locator('.import__row .muted').textContent())
      .toMatch(/^327 clientes en el directorio$/);
    expect(await page.locator('.directory-status__age').textContent()).toMatch(
      /^directorio de ejemplo \(modo demostración\)/,
    );
  });

  it('a real directory replaces the sample whole; re-importing the same file changes nothing', async () => {
    await importFile(resolve(root, SAMPLE_DIRECTORY_PATH));
    await expect
      .poll(() => page.locator('.import__result p').first().textContent())
      .toContain('327 filas leídas — 327 nuevos, 0 actualizados, 0 sin cambios, 0 con errores');
    expect(await page.locator('.directory-status__age').textContent()).toBe(
      'directorio local, sin sincronizar con la central',
    );
    await importFile(resolve(root, SAMPLE_DIRECTORY_PATH));
    await expect
      .poll(() => page.locator('.import__result p').first().textContent())
      .toContain('327 filas leídas — 0 nuevos, 0 actualizados, 327 sin cambios, 0 con errores');
    // An unknown block code is imported, and listed so whoever imports knows no area takes it.
    const warnings = await page
      .getByRole('list', { name: 'Advertencias (fila importada)' })
      .getByRole('listitem')
      .allTextContents();
    expect(warnings).toEqual([expect.stringMatching(/^Línea \d+: código de bloqueo «Z7» desconocido/)]);
  });

  it('imports every good row and lists each wrong one with its line and reason', async () => {
    const summary = await importFile(resolve(root, 'test/fixtures/broken-directory.csv'));
    await screenshot(page, 'import-errors');
    expect(summary).toMatch(/4 nuevos, 0 actualizados, 0 sin cambios, 6 con errores/);
    const errors = await page
      .getByRole('list', { name: 'Filas no importadas' })
      .getByRole('listitem')
      .allTextContents();
    expect(errors.map((e) => e.match(/^Línea (\d+):/)?.[1])).toEqual(['3', '4', '5', '6', '7', '9']);
    expect(errors.join('\n')).toContain('RUT inválido');
    expect(errors.join('\n')).toContain('falta el código de cliente');
    expect(errors.join('\n')).toContain('repetido');
    const warnings = await page
      .getByRole('list', { name: 'Advertencias (fila importada)' })
      .getByRole('listitem')
      .allTextContents();
    expect(warnings).toEqual([expect.stringMatching(/^Línea 10: teléfono «12345»/)]);
    await expect.poll(() => page.locator('.import__row .muted').textContent()).toMatch(/^331 clientes/);
    // A good row with quotes and a line break inside a field is searchable.
    await search(page, '80000001');
    expect(await resultRow(page, '80000001').locator('td').first().textContent()).toMatch(
      /^Restaurante "El Fogón"\r?\nSucursal Centro$/,
    );
  });
});
