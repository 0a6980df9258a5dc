// "Copiar diagnóstico" in web mode, as support asks an agent for it: Configuración → the button →
// the text on the clipboard, with the line, the queue and the directory, and never the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openApp, pageErrors, screenshot } from '../support/browser';

const PASSWORD = 'Clave-Secreta-1001';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  ({ context, page } = await openApp(browser));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(page.url()).origin,
  });
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('Copiar diagnóstico (web mode)', () => {
  it('puts the line, queue and directory on the clipboard, never the stored line password', async () => {
    await page.getByRole('button', { name: 'Configuración' }).click();
    const settings = page.getByRole('dialog', { name: 'Configuración de la línea' });
    // Nothing listens there: the line goes offline and keeps retrying.
    await settings.getByLabel('Servidor WebSocket').fill('ws://127.0.0.1:9/ws');
    await settings.getByLabel('URI SIP del anexo').fill('sip:1001@companion.test');
    await settings.getByLabel('Contraseña de la línea').fill(PASSWORD);
    await settings.getByRole('button', { name: 'Guardar' }).click();
    await settings.getByRole('status').filter({ hasText: 'Configuración guardada' }).waitFor();

    await settings.getByRole('button', { name: 'Copiar diagnóstico' }).click();
    await settings.getByRole('status').filter({ hasText: 'Diagnóstico copiado' }).waitFor();
    await screenshot(page, 'settings-diagnostic-copied');

    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Diagnóstico de Companion');
    expect(text).toContain('plataforma: web');
    expect(text).toContain('anexo: sip:1001@companion.test');
    expect(text).toContain('central SIP: ws://127.0.0.1:9/ws');
    expect(text).toMatch(/pendientes: 0\n/);
    expect(text).toMatch(/clientes: [1-9]\d*\n/);
    expect(text).not.toContain(PASSWORD);
    expect(pageErrors(page)).toEqual([]);
  });
});
