// The real, built desktop shell through Playwright's Electron driver: window, bridge, pop window,
// tray behaviour and the global shortcut. Needs the Electron binary (node_modules/electron/dist) and
// a build (`npm run build`). Skipped, with the reason in each test name, where the binary was never
// downloaded (as on the shared build machines, which cannot download it).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePopCard } from '../test/fixtures/desktop';
import { BRIDGE_KEY, MAIN_CHANNELS, type PopCard, type RendererBridge } from '../shared/ipc/contract';

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
const named = (title: string) => (electron.found ? title : `${title} — SKIPPED: ${electron.reason}`);
// Skipped where the Electron binary was never downloaded (these build machines): the reason is in each title.
const realIt = it.skipIf(!electron.found);

const CARD: PopCard = samplePopCard({ callId: 'e2e-call' });

describe('Companion desktop shell (Electron)', () => {
  let app: ElectronApplication;
  let main: Page;
  let profile: string;

  beforeAll(async () => {
    if (!electron.found) return;
    if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build\` before this test`);
    profile = mkdtempSync(path.join(tmpdir(), 'companion-electron-'));
    const operatorConfig = path.join(profile, 'companion.json');
    writeFileSync(operatorConfig, JSON.stringify({ externalLinks: ['https://www.sec.cl/'] }));
    const env = { ...process.env, COMPANION_CONFIG: operatorConfig } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL; // the built renderer, never a dev server
    app = await _electron.launch({
      executablePath: electron.path,
      args: [mainJs, `--user-data-dir=${path.join(profile, 'userData')}`],
      env,
      timeout: 30_000,
    });
    main = await app.firstWindow();
    if (!main.url().endsWith('/index.html')) {
      main = await app.waitForEvent('window', { predicate: (p) => p.url().endsWith('/index.html') });
    }
    await main.waitForLoadState('domcontentloaded');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const bridgeCall = <T>(fn: (bridge: RendererBridge, arg: unknown) => Promise<T>, arg?: unknown) =>
    main.evaluate(
      ([key, source, a]) => {
        const bridge = (window as unknown as Record<string, RendererBridge>)[key as string]!;
        return (0, eval)(source as string)(bridge, a) as Promise<T>;
      },
      [BRIDGE_KEY, fn.toString(), arg] as const,
    );

  realIt(
    named('serves the app from app://companion with the contract bridge only, no Node in the page'),
    async () => {
      expect(main.url()).toBe('app://companion/index.html');
      const bridgeKeys = await main.evaluate((key) => {
        const bridge = (window as unknown as Record<string, object | undefined>)[key];
        return bridge ? Object.keys(bridge).sort() : null;
      }, BRIDGE_KEY);
      expect(bridgeKeys).toEqual([...Object.keys(MAIN_CHANNELS), 'on'].sort());
      const nodeGlobals = await main.evaluate(() => {
        const scope = globalThis as Record<string, unknown>;
        return { require: typeof scope.require, process: typeof scope.process, module: typeof scope.module };
      });
      expect(nodeGlobals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
      const info = await bridgeCall((b) => b.getAppInfo());
      expect(info.electron).toMatch(/^\d+\./);
    },
  );

  realIt(named('made the pop window at start, hidden and always on top'), async () => {
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({
        url: w.webContents.getURL(),
        visible: w.isVisible(),
        onTop: w.isAlwaysOnTop(),
      })),
    );
    expect(windows).toHaveLength(2);
    expect(windows.find((w) => w.url.endsWith('/pop.html'))).toMatchObject({ visible: false, onTop: true });
  });

  realIt(
    named('a call shows the pop without taking focus; its Contestar reaches the main window'),
    async () => {
      await main.bringToFront();
      await main.evaluate(() => {
        const w = window as unknown as { __popActions: unknown[]; companion: RendererBridge };
        w.__popActions = [];
        w.companion.on('popAction', (action) => w.__popActions.push(action));
      });
      await bridgeCall((b, card) => b.popShow(card as PopCard), CARD);
      const pop = app.windows().find((p) => p.url().endsWith('/pop.html'))!;
      await pop.getByText('María Soto').waitFor();
      const state = await app.evaluate(({ BrowserWindow }) => {
        const popWindow = BrowserWindow.getAllWindows().find((w) =>
          w.webContents.getURL().endsWith('/pop.html'),
        )!;
        return { visible: popWindow.isVisible(), focused: BrowserWindow.getFocusedWindow() === popWindow };
      });
      expect(state).toEqual({ visible: true, focused: false });
      await pop.getByRole('button', { name: 'Contestar' }).click();
      await expect
        .poll(() => main.evaluate(() => (window as unknown as { __popActions: unknown[] }).__popActions))
        .toEqual([{ callId: 'e2e-call', action: 'answer' }]);
      await bridgeCall((b, id) => b.popHide(id as string), CARD.callId);
    },
  );

  realIt(named('registers Ctrl+Alt+Space as a global shortcut'), async () => {
    const registered = await app.evaluate(({ globalShortcut }) =>
      globalShortcut.isRegistered('Control+Alt+Space'),
    );
    expect(registered).toBe(true);
  });

  realIt(named('closing the main window keeps the app running in the tray'), async () => {
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()
        .find((w) => w.webContents.getURL().endsWith('/index.html'))!
        .close();
    });
    const after = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), visible: w.isVisible() })),
    );
    expect(after).toHaveLength(2);
    expect(after.find((w) => w.url.endsWith('/index.html'))!.visible).toBe(false);
  });
});
