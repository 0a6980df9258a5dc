import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, search } from '../support/app';
import { freshAppPerFile, screenshot } from '../support/browser';

let page: Page;
const appPage = freshAppPerFile();
beforeAll(() => {
  page = appPage();
});

const searchBox = () => page.getByRole('combobox', { name: 'Buscar cliente' });
const card = () => page.getByRole('region', { name: 'Cliente seleccionado' });
const cardName = () => card().getByRole('heading').first().textContent();
const resultRows = () => page.locator('.search table.customers tbody tr');

/** The element with the keyboard focus, described by its role and accessible label. */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.id}` : null;
  });
const searchBoxFocusKey = async () => `combobox:${await searchBox().getAttribute('id')}`;

/** The row the box points at (aria-activedescendant), as the customer code in it. */
const activeCode = () =>
  page.evaluate(() => {
    const box = document.querySelector('[role="combobox"]');
    const id = box?.getAttribute('aria-activedescendant');
    const row = id ? document.getElementById(id) : null;
    if (!row || row.getAttribute('aria-selected') !== 'true') return null;
    return row.querySelectorAll('td')[1]?.textContent ?? null;
  });

/** Nothing on the page is reached by scrolling the window: it all fits the viewport. */
const pageScrolls = () =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return { vertical: root.scrollHeight > innerHeight, horizontal: root.scrollWidth > innerWidth };
  });

async function inView(selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    });
}

describe('the desk, keyboard first (1366×768)', () => {
  beforeAll(async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('starts with the focus in the search box, which states its shortcut', async () => {
    await expect.poll(focused).toBe(await searchBoxFocusKey());
    expect(await searchBox().getAttribute('aria-keyshortcuts')).toBe('Control+K');
    expect(await searchBox().getAttribute('placeholder')).toContain('Ctrl+K');
  });

  it('Enter on a code opens the only customer found, without touching the mouse', async () => {
    await page.keyboard.type(C.noBlock.codigo);
    await page.keyboard.press('Enter');
    await card().waitFor();
    expect(await cardName()).toBe(C.noBlock.nombre);
  });

  it('Ctrl+K brings the focus back from anywhere on the desk, with the old text selected', async () => {
    await card()
      .getByRole('button', { name: /Nuevo requerimiento/ })
      .focus();
    expect(await focused()).not.toBe(await searchBoxFocusKey());
    await page.keyboard.press('Control+k');
    await expect.poll(focused).toBe(await searchBoxFocusKey());
    expect(
      await searchBox().evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!),
    ).toBe(C.noBlock.codigo.length);
  });

  it('several results: Enter lists them with the first highlighted, the arrows move, Enter opens that one', async () => {
    await page.keyboard.type('perez');
    await page.keyboard.press('Enter');
    await expect.poll(() => searchBox().getAttribute('aria-expanded')).toBe('true');
    const codes = await resultRows().locator('td:nth-child(2)').allTextContents();
    expect(codes.length).toBeGreaterThan(3);
    // Several customers: nothing opens on its own, the first is the one Enter would open.
    expect(await cardName()).toBe(C.noBlock.nombre);
    expect(await activeCode()).toBe(codes[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await activeCode()).toBe(codes[2]);
    await page.keyboard.press('ArrowUp');
    expect(await activeCode()).toBe(codes[1]);
    await screenshot(page, 'desk-results-keyboard');
    // Up from the first row stays on it; down from the last stays on the last.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await activeCode()).toBe(codes[0]);
    await page.keyboard.press('ArrowDown');
    expect(await activeCode()).toBe(codes[1]);
    await page.keyboard.press('Enter');
    const opened = await page.evaluate(
      (code) =>
        [...document.querySelectorAll('.search table.customers tbody tr')]
          .find((row) => row.querySelectorAll('td')[1]?.textContent === code)
          ?.querySelector('td')?.textContent ?? null,
      codes[1]!,
    );
    // A blocked customer pops up, one without blocks shows on the card: either way, that customer.
    await expect
      .poll(async () => ((await dialog(page).count()) ? await dialog(page).textContent() : await cardName()))
      .toContain(opened);
  });

  it('Ctrl+K from another screen goes back to the desk with the focus in the search box', async () => {
    if (await dialog(page).count()) await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Pantallas' });
    await nav.getByRole('button', { name: 'Llamadas' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => searchBox().count()).toBe(0);
    await page.keyboard.press('Control+k');
    await expect.poll(focused).toBe(await searchBoxFocusKey());
    expect(await nav.getByRole('button', { name: 'Escritorio' }).getAttribute('aria-current')).toBe('page');
  });

  it('a pop-up keeps the keyboard: Ctrl+K does not reach the desk behind it', async () => {
    await page.keyboard.type(C.z0.codigo);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('dialog, [role="dialog"]'));
    await expect.poll(inDialog).toBe(true);
    await page.keyboard.press('Control+k');
    expect(await inDialog()).toBe(true);
  });
});

describe('«Nombre de quien llama» starts with the account holder, shown beside it', () => {
  it('a company holder: pre-filled, named in the hint, and the agent writes who is calling', async () => {
    await page.goto(page.url());
    await page.waitForSelector('html[data-ready="true"]');
    await searchBox().fill(C.tc2M.codigo);
    await searchBox().press('Enter');
    const field = dialog(page).getByLabel(/Nombre de quien llama/);
    expect(await field.inputValue()).toBe(C.tc2M.nombre);
    const hint = () =>
      field.evaluate(
        (input) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
      );
    expect(await hint()).toContain(`Titular de la cuenta: ${C.tc2M.nombre}`);
    await field.fill('Pedro Soto');
    // The holder stays beside the field once the agent wrote someone else.
    expect(await hint()).toContain(`Titular de la cuenta: ${C.tc2M.nombre}`);
    await dialog(page).getByRole('button', { name: 'OK', exact: true }).click();
    await dialog(page).getByRole('status').filter({ hasText: 'pendiente' }).waitFor();
    const sent = await page.evaluate(
      (code) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('companion');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () =>
              resolve(
                (
                  all.result as Array<{
                    submission: { customerCode: string; values: Record<string, string> };
                  }>
                )
                  .filter((entry) => entry.submission.customerCode === code)
                  .map((entry) => entry.submission.values.contactName),
              );
          };
        }),
      C.tc2M.codigo,
    );
    expect(sent).toEqual(['Pedro Soto']);
  });
});

describe('one screen built around the call', () => {
  it.each([
    [1366, 768],
    [1280, 720],
  ])(
    'at %i×%i: one status strip, and the search, results and customer fit without scrolling the page',
    async (width, height) => {
      await page.setViewportSize({ width, height });
      await page.goto(page.url());
      await page.waitForSelector('html[data-ready="true"]');
      // Line, central and directory in one strip, in that order, each with its own controls.
      const strip = page.locator('.status-strip');
      const cells = await strip.evaluate((el) =>
        [...el.children].map((child) => child.getAttribute('aria-label') ?? child.className),
      );
      expect(cells).toEqual(['Línea telefónica', 'Envío a la central', 'Directorio de clientes']);
      expect(await strip.getByRole('button', { name: /Iniciar sesión en la central/ }).count()).toBe(1);
      expect(await strip.getByLabel('Importar directorio').count()).toBe(1);
      const stripBox = (await strip.boundingBox())!;
      // Compact: the three sit side by side (one row of cells, however their text wraps).
      const tops = await strip.evaluate((el) =>
        [...el.children].map((child) => child.getBoundingClientRect().top),
      );
      expect(new Set(tops).size).toBe(1);
      expect(stripBox.height).toBeLessThan(height / 10);

      await search(page, 'perez');
      await page.getByRole('button', { name: `Abrir ${C.noBlock.nombre} (${C.noBlock.codigo})` }).click();
      await card().waitFor();
      await screenshot(page, `desk-${width}x${height}`);
      expect(await pageScrolls()).toEqual({ vertical: false, horizontal: false });
      for (const part of [
        '.search form',
        '.search__status',
        '.search table.customers',
        'section.card',
        'section.forms',
      ])
        expect(await inView(part), part).toBe(true);
    },
  );

  it('the directory count agrees with one customer («1 cliente», not «1 clientes»)', async () => {
    await page.getByLabel('Importar directorio').setInputFiles({
      name: 'uno.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto\n' +
          '77000501,12.345.678-5,Ferretería Local,+56 9 7700 0501,,Metropolitana,Ñuñoa,Grecia,4321,,NO,,\n',
      ),
    });
    await page.locator('.import__result').waitFor();
    await expect
      .poll(() => page.locator('.import__row .muted').textContent())
      .toBe('1 cliente en el directorio');
    // The import's summary is read, then closed: the desk gets its room back.
    await page.getByRole('button', { name: 'Cerrar resultado' }).click();
    await expect.poll(() => page.locator('.import__result').count()).toBe(0);
  });
});
