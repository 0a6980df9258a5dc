// Smoke test of the real, built app through Playwright's Electron driver. Needs the Electron
// binary (node_modules/electron/dist) and a build (`npm run build`). Skipped, with the reason in
// the test name, where the binary was never downloaded (as on the shared build machine).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BRIDGE_KEY, MAIN_CHANNELS } from '../shared/ipc/contract';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = path.join(repoRoot, 'out', 'main', 'main.js');

type BinaryLookup = { found: true; path: string } | { found: false; reason: string };

/**
 * Same lookup as `require('electron')` (node_modules/electron/index.js), minus its side effect:
 * that module starts a network download when the binary is missing, which must not happen in a test.
 */
function findElectronBinary(): BinaryLookup {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      found: false,
      reason: 'the Electron binary was never downloaded (no node_modules/electron/path.txt)',
    };
  const relative = readFileSync(pathFile, 'utf8');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { found: false, reason: `the Electron binary ${binary} does not exist` };
  return { found: true, path: binary };
}

const electron = findElectronBinary();
const title = 'launches the built app: "Companion" window, contract bridge only, no Node in the page';

describe('Companion desktop app (Electron)', () => {
  it.skipIf(!electron.found)(electron.found ? title : `${title} — SKIPPED: ${electron.reason}`, async () => {
    if (!electron.found) return;
    if (!existsSync(mainJs))
      throw new Error(`${mainJs} is missing: run \`npm run build\` before this smoke test`);

    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL; // the built renderer, never a dev server
    const app = await _electron.launch({
      executablePath: electron.path,
      args: [mainJs],
      env,
      timeout: 30_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');

      const windowTitle = await app.evaluate(
        ({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '',
      );
      expect(windowTitle).toMatch(/Companion/);

      const bridgeMethods = await page.evaluate((key) => {
        const bridge = (window as unknown as Record<string, object | undefined>)[key];
        return bridge ? Object.keys(bridge).sort() : null;
      }, BRIDGE_KEY);
      expect(bridgeMethods).toEqual(Object.keys(MAIN_CHANNELS).sort());

      const nodeGlobals = await page.evaluate(() => {
        const scope = globalThis as Record<string, unknown>;
        return { require: typeof scope.require, process: typeof scope.process, module: typeof scope.module };
      });
      expect(nodeGlobals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });

      // A real round trip through preload, the sender check, zod and main.
      const info = await page.evaluate(
        (key) =>
          (window as unknown as Record<string, { getAppInfo(): Promise<{ electron: string | null }> }>)[
            key
          ]!.getAppInfo(),
        BRIDGE_KEY,
      );
      expect(info.electron).toMatch(/^\d+\./);
    } finally {
      await app.close();
    }
  });
});
