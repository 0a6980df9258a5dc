import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_CUSTOMERS as C } from '../../fixtures/sampleCustomers';
import { dialog, dialogName } from '../support/app';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshot } from '../support/browser';

const ROOT = resolve(import.meta.dirname, '../../..');
let demo: ChildProcess | undefined;
let browser: Browser | undefined;
const logDir = mkdtempSync(join(tmpdir(), 'companion-demo-e2e-'));
let output = '';

/** Resolves when the demo has printed `text` (its own progress lines, in Spanish). */
function printed(text: string, timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`demo never said "${text}":\n${output.slice(-3000)}`)),
      timeoutMs,
    );
    const check = () => {
      if (output.includes(text)) {
        clearTimeout(timer);
        demo?.stdout?.off('data', check);
        done();
      }
    };
    demo?.stdout?.on('data', check);
    check();
  });
}

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) demo.kill('SIGINT');
  rmSync(logDir, { recursive: true, force: true });
});

describe('npm run demo (the README’s first command)', () => {
  it('starts back office, PBX and web app, and a sample call pops its customer; Ctrl-C stops it all', async () => {
    demo = spawn('npm', ['run', 'demo'], {
      cwd: ROOT,
      env: {
        ...process.env,
        // Port 0: the web app and the back office bind free ports themselves and the demo prints
        // them (a port picked here and bound minutes later could be taken by then).
        PORT: '0',
        DEMO_SERVER_PORT: '0',
        DEMO_LOG_DIR: logDir,
        DEMO_OPEN: '0',
        DEMO_REGISTER_TIMEOUT_S: '120',
      },
      // stdin stays open (a pipe), as a terminal would: the demo waits for Enter or Ctrl-C.
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
    demo.stdout!.on('data', keep);
    demo.stderr!.on('data', keep);
    const exited = new Promise<string>((done) =>
      demo!.on('exit', (code, signal) => done(`${code ?? signal}`)),
    );

    await printed('aplicación web lista', 420_000);
    const serverPort = Number(/back office en http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    await printed('Abra  http://127.0.0.1:', 10_000);
    const webPort = Number(/Abra {2}http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
    expect(serverPort).toBeGreaterThan(0);
    expect(webPort).toBeGreaterThan(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--allow-loopback-in-peer-connection',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
    await page.goto(`http://127.0.0.1:${webPort}/`);
    await page.getByRole('status').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });

    // The sample call: the Z1 customer with an open order pops while it rings.
    await dialog(page).waitFor({ timeout: 60_000 });
    expect(await dialogName(page)).toMatch(/^Bloqueo Z1/);
    expect(await dialog(page).textContent()).toContain(C.z1OpenOrder.nombre);
    await screenshot(page, 'demo-sample-call');
    await dialog(page).getByRole('button', { name: 'Rechazar' }).click();

    // Ctrl-C: everything the demo started stops (its ports close).
    process.kill(-demo.pid!, 'SIGINT');
    await exited;
    await expect.poll(() => output).toContain('listo.');
    for (const port of [webPort, serverPort]) {
      await expect(fetch(`http://127.0.0.1:${port}/`).then(() => 'open')).rejects.toThrow();
    }
  });
});
