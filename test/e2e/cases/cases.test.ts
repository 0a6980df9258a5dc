import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser';
import {
  createPeople,
  escalateDataAlreadyTaken,
  PASSWORD,
  startBackOffice,
  zbForm,
  type BackOffice,
} from './support/backOffice';
import { fitsWindow, seriousViolations } from './support/page';

let browser: Browser;
let backOffice: BackOffice;
const cases: number[] = [];

beforeAll(async () => {
  [browser, backOffice] = await Promise.all([launchChromium(), startBackOffice()]);
  await createPeople(backOffice);
  // Three ZB customers from the sample directory (a regional one first).
  cases.push(await zbForm(backOffice, '10000031', 'Eduardo Contreras Flores'));
  cases.push(await zbForm(backOffice, '10000039', 'Viña El Roble'));
  cases.push(await zbForm(backOffice, '10000044', 'Isidora Olivares Zúñiga'));
});

afterAll(async () => {
  await browser?.close();
  await backOffice?.stop();
});

async function signedIn(
  user: string,
  screen: 'cases' | 'escalations' = 'cases',
  password = PASSWORD,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      problems.push(message.text());
  });
  (page as Page & { problems?: string[] }).problems = problems;
  await page.goto(
    `${inject('casesPageUrl')}?server=${encodeURIComponent(backOffice.url)}&user=${user}&password=${encodeURIComponent(password)}&screen=${screen}`,
  );
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

function problems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

const number = (id: number) => `ZB-${String(id).padStart(6, '0')}`;

describe('cases screen', () => {
  it('the RRSS supervisor works a ZB case by keyboard: coordinates the visit and closes the notice as fit', async () => {
    const page = await signedIn('rosa');
    const first = page.getByRole('button', { name: new RegExp(number(cases[0]!)) });
    await first.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { level: 3 }).textContent())
      .toContain(number(cases[0]!));
    expect(await fitsWindow(page)).toBe(true);
    await screenshot(page, 'cases-1-detail');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'No hay aviso: llamar al cliente' }).click();
    await page.getByRole('button', { name: 'Registrar' }).press('Enter');
    await expect
      .poll(() => page.locator('.case__where').textContent())
      .toContain('Llamar al cliente y coordinar la visita');

    await page.getByRole('button', { name: /Visita coordinada/ }).click();
    // Prefilled from the agent's form: the place reference and the two numbers.
    expect(await page.getByLabel('Referencia del lugar').inputValue()).toBe(
      'Portón verde frente a la escuela',
    );
    expect(await page.getByLabel('Teléfono de contacto 1').inputValue()).toBe('+56 9 8118 4107');
    await page.getByLabel('Teléfono de contacto 2').fill('+56 9 8118 4107');
    await page.getByLabel('Día de la visita').fill('2020-01-01');
    await page.getByLabel('Número del aviso EME').fill('EME-55012');
    // A regional customer: the backup mail to Despacho Emergencia is shown before it goes.
    await expect
      .poll(() => page.locator('.step-form__mails').textContent())
      .toContain('Respaldo del aviso EME (cliente de regiones)');
    await screenshot(page, 'cases-2-step-form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Registrar' }).click();
    await expect.poll(() => page.getByText('La fecha no puede ser anterior a hoy.').count()).toBe(1);
    expect(await page.getByText('Los dos teléfonos de contacto deben ser distintos.').count()).toBe(1);
    await page.getByLabel('Teléfono de contacto 2').fill('2 2693 9901');
    await page.getByLabel('Día de la visita').fill('2099-01-10');
    await page.getByLabel('Día de la visita').press('Enter');
    await expect.poll(() => page.locator('.case__where').textContent()).toContain('Monitorear el aviso');

    await page.getByRole('button', { name: /Aviso cerrado: instalación apta/ }).click();
    await page
      .getByLabel('Datos del cierre del aviso (pegue el aviso EME)')
      .fill('Cierre: instalación apta, sin fugas.');
    await expect
      .poll(() => page.locator('.step-form__mails').textContent())
      .toContain('Desbloqueo Cliente 10000031 con bloqueo ZB');
    await page.getByRole('button', { name: 'Registrar' }).click();
    await expect.poll(() => page.locator('.case__where').textContent()).toContain('Desbloqueo en el sistema');
    expect(await page.getByText('Este paso lo atiende: Mesa de Clientes').count()).toBe(1);

    // History, mails and the diagram, moving between tabs with the arrow keys.
    await page.getByRole('tab', { name: 'Paso actual' }).focus();
    await page.keyboard.press('ArrowRight');
    const history = page.getByRole('list', { name: 'Historial del caso' });
    await expect.poll(() => history.textContent()).toContain('Rosa Rojas: Aviso cerrado: instalación apta');
    await screenshot(page, 'cases-3-history');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('list', { name: 'Correos del caso' }).textContent())
      .toContain('Desbloqueo Cliente 10000031 con bloqueo ZB');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.bpmn .djs-element.case-current', { timeout: 30_000 });
    expect(await page.locator('[data-element-id="Paso_desbloqueo_mesa"].case-current').count()).toBe(1);
    expect(await page.locator('[data-element-id="Paso_monitorear_aviso"].case-visited').count()).toBe(1);
    await screenshot(page, 'cases-4-diagram');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems(page)).toEqual([]);
    await page.close();
  });

  it('Mesa de Clientes confirms the unblock; the case ends', async () => {
    const page = await signedIn('marta');
    await page.getByLabel('Mi bandeja').check();
    await page.getByRole('button', { name: new RegExp(number(cases[0]!)) }).click();
    await page.getByRole('button', { name: 'Cliente desbloqueado' }).click();
    await page.getByRole('button', { name: 'Registrar' }).click();
    await expect.poll(() => page.locator('.case__where').textContent()).toContain('Terminado: Desbloqueado');
    await page.close();
  });

  it('two users acting on one step at once: the second is told, in Spanish, and sees the case as it is', async () => {
    const [rosa, jaime] = await Promise.all([signedIn('rosa'), signedIn('jaime')]);
    for (const page of [rosa, jaime]) {
      await page.getByRole('button', { name: new RegExp(number(cases[1]!)) }).click();
      await page.getByRole('button', { name: 'No hay aviso: llamar al cliente' }).click();
    }
    await rosa.getByRole('button', { name: 'Registrar' }).click();
    await expect.poll(() => rosa.locator('.case__where').textContent()).toContain('Llamar al cliente');
    await jaime.getByRole('button', { name: 'Registrar' }).click();
    const alert = jaime.locator('.notice--warn[role="alert"]');
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /^Otro usuario actuó en este caso mientras usted lo veía\. Rosa Rojas registró «No hay aviso: llamar al cliente» a las \d{2}:\d{2}\. Revise el caso actualizado antes de continuar\.$/,
      );
    await expect.poll(() => jaime.locator('.case__where').textContent()).toContain('Llamar al cliente');
    await screenshot(jaime, 'cases-5-conflict');
    await Promise.all([rosa.close(), jaime.close()]);
  });

  it('Gestión de Red opens an anulación case, sees the indicator and the zonificación export', async () => {
    const page = await signedIn('rita');
    await page.getByRole('button', { name: 'Nuevo caso' }).click();
    await page.getByLabel('Número de solicitud').fill('SOL-7781');
    await page.getByLabel('Tipo de solicitud').selectOption('traslado');
    await page.getByLabel('Observación (error u omisión detectada)').fill('Calle mal digitada');
    await page.getByLabel('Vendedor').fill('Pedro Vendedor');
    await page.getByLabel('Asesor comercial').fill('Ana Asesora');
    await screenshot(page, 'cases-6-new-case');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Abrir caso' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 3 }).textContent())
      .toMatch(/^AN-\d{6} · Solicitud SOL-7781/);
    expect(await page.locator('.case__where').textContent()).toContain(
      'Reportar la observación mediante Servicio de Ingeniería',
    );
    expect(await page.getByText(/Indicador COM-DSC-P10/).count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Planilla para Facturación (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^zonificacion-\d{4}-\d{2}\.xlsx$/);
    expect(await fitsWindow(page)).toBe(true);
    await page.close();
  });
});

describe('escalations inbox', () => {
  it('a supervisor takes, comments and closes what an agent escalated', async () => {
    await escalateDataAlreadyTaken(backOffice, '10000070', 'Sebastián Ruiz Vergara');
    const page = await signedIn('supervisor', 'escalations', 'companion-supervisor');
    await page.getByRole('button', { name: /El cliente dice que ya le tomaron los datos/ }).click();
    await page.getByRole('button', { name: 'Tomar', exact: true }).click();
    await expect
      .poll(() => page.locator('.case__head').textContent())
      .toContain('a cargo de Supervisora demo');
    await page
      .getByLabel('Comentario (obligatorio para cerrar o reabrir)')
      .fill('Telecobranzas confirma el registro de ayer');
    await page.getByRole('button', { name: 'Comentar', exact: true }).click();
    await page.getByRole('button', { name: 'Cerrar', exact: true }).click();
    await expect.poll(() => page.getByText('Escriba cómo se resolvió.').count()).toBe(1);
    await page
      .getByLabel('Comentario (obligatorio para cerrar o reabrir)')
      .fill('Se informó al cliente la fecha de contacto');
    await page.getByRole('button', { name: 'Cerrar', exact: true }).click();
    await expect.poll(() => page.locator('.case__head').textContent()).toContain('Cerrada');
    await screenshot(page, 'escalations-1');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsWindow(page)).toBe(true);
    await page.close();
  });
});
