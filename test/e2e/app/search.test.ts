import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { resultRow, search } from '../support/app';
import { freshAppPerFile } from '../support/browser';

let page: Page;
const appPage = freshAppPerFile();
beforeAll(() => {
  page = appPage();
});

describe('Buscar cliente (sample directory loaded on first start)', () => {
  it.each([
    ['phone +56 9 …', C.noBlock.written.telefonos[0]!, C.noBlock.codigo],
    ['phone 9XXXXXXXX', C.z0.written.telefonos[0]!, C.z0.codigo],
    ['phone 0056…', C.z1OpenOrder.written.telefonos[0]!, C.z1OpenOrder.codigo],
    ['phone (2) …', C.za.written.telefonos[0]!, C.za.codigo],
    ['phone written another way', C.z1.telefonos[1]!.replace('+56', ''), C.z1.codigo],
    ['RUT with dots and dash', '15.234.871-1', C.noBlock.codigo],
    ['RUT without dots nor dash', C.noBlock.rut.replace('-', ''), C.noBlock.codigo],
    ['RUT with lower-case k', C.za.rut.toLowerCase(), C.za.codigo],
    ['customer code', C.z5.codigo, C.z5.codigo],
    ['address with accents', `${C.noBlock.comuna} ${C.noBlock.numero}`, C.noBlock.codigo],
    ['address without accents, lower case', 'nunoa 1234', C.noBlock.codigo],
    ['name, words in any order', 'Pérez Juana', C.noBlock.codigo],
    ['name prefixes, no accents', 'jua perez so', C.noBlock.codigo],
    ['street and number', 'Irarrázaval 1234', C.noBlock.codigo],
    ['street type written, no accents', 'av irarrazaval 1234', C.noBlock.codigo],
    ['comuna, street and number', 'Ñuñoa Irarrázaval 1234', C.noBlock.codigo],
  ])('finds by %s', async (_label, query, codigo) => {
    await search(page, query);
    await expect.poll(() => resultRow(page, codigo).count()).toBe(1);
  });

  it('says which reading found a name, and only customers whose name has every word', async () => {
    await search(page, 'contreras maría');
    expect(await page.locator('.search__status').textContent()).toContain('se buscó por nombre');
    const names = await page.locator('table.customers tbody tr td:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const folded = name
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();
      expect(folded).toMatch(/\bcontreras\b/);
      expect(folded).toMatch(/\bmaria\b/);
    }
    expect(names).toContain(C.z1OpenOrder.nombre);
  });

  it('explains a RUT with a wrong check digit instead of showing nothing', async () => {
    await search(page, '15.234.871-2');
    const status = await page.locator('.search__status').textContent();
    expect(status).toContain(
      'El RUT 15.234.871-2 tiene el dígito verificador equivocado: con esos números sería 15.234.871-1.',
    );
  });

  it('shows the "bloqueo" column with SI for a replaced code and NO otherwise', async () => {
    await search(page, C.replacedWithNewCode.codigo);
    const header = page.locator('table.customers thead th').last();
    expect(await header.textContent()).toBe('bloqueo');
    expect(await resultRow(page, C.replacedWithNewCode.codigo).locator('td').last().textContent()).toBe('SI');
    await search(page, C.replacementTarget.codigo);
    expect(await resultRow(page, C.replacementTarget.codigo).locator('td').last().textContent()).toBe('NO');
  });

  it('shows name, code, RUT, address and block codes in the results', async () => {
    await search(page, C.multiZ4ZBZ1.codigo);
    const text = await resultRow(page, C.multiZ4ZBZ1.codigo).textContent();
    expect(text).toContain(C.multiZ4ZBZ1.nombre);
    expect(text).toContain(C.multiZ4ZBZ1.comuna);
    for (const code of C.multiZ4ZBZ1.bloqueos) expect(text).toContain(code);
  });
});
