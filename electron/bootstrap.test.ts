import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  let nextId = 1;

  class FakeWebContents extends EventEmitter {
    id = nextId++;
    windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
    isDestroyed = () => false;
    setWindowOpenHandler(handler: (d: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.instances;
    webContents = new FakeWebContents();
    minimized = false;
    visible = false;
    loadURL = vi.fn(async (_url: string) => undefined);
    loadFile = vi.fn(async (_file: string) => undefined);
    restore = vi.fn(() => (this.minimized = false));
    show = vi.fn(() => (this.visible = true));
    focus = vi.fn();
    isMinimized = () => this.minimized;
    isVisible = () => this.visible;
    isDestroyed = () => false;
    constructor(public options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
      // Like Electron: every new web contents is announced on the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    userData: '',
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    setAppUserModelId: vi.fn(),
    isReady: () => true,
    getVersion: () => '0.1.0',
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected path ${name}`);
      return app.userData;
    },
    whenReady: () => Promise.resolve(),
  });

  const sessionHandlers: Record<string, unknown> = {};
  const defaultSession = {
    webRequest: { onHeadersReceived: (fn: unknown) => (sessionHandlers.headers = fn) },
    setPermissionRequestHandler: (fn: unknown) => (sessionHandlers.request = fn),
    setPermissionCheckHandler: (fn: unknown) => (sessionHandlers.check = fn),
    setDevicePermissionHandler: (fn: unknown) => (sessionHandlers.device = fn),
  };

  const ipcHandlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, fn: (...a: unknown[]) => Promise<unknown>) =>
        ipcHandlers.set(channel, fn),
      ),
    },
    session: { defaultSession },
    sessionHandlers,
    ipcHandlers,
    shell: { openExternal: vi.fn(async () => undefined) },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'unknown' },
  };
});
vi.mock('electron', () => electron);

import { MAIN_CHANNELS } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { startApp } from './bootstrap';

const root = mkdtempSync(path.join(tmpdir(), 'companion-bootstrap-'));
const mainDir = path.join(root, 'out', 'main');
const rendererIndex = path.join(root, 'out', 'renderer', 'index.html');
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let pending log appends finish
  rmSync(root, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  electron.app.removeAllListeners();
  electron.app.isPackaged = true;
  electron.app.userData = path.join(root, 'userData');
  electron.app.requestSingleInstanceLock.mockReturnValue(true);
  electron.BrowserWindow.instances.length = 0;
  electron.ipcHandlers.clear();
  for (const key of Object.keys(electron.sessionHandlers)) delete electron.sessionHandlers[key];
  vi.clearAllMocks();
  // Keep the test output clean; the log lines themselves are covered in logger.test.ts.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

async function started(env: NodeJS.ProcessEnv = {}) {
  expect(startApp({ mainDir, env })).toBe(true);
  await settle();
  expect(electron.BrowserWindow.instances).toHaveLength(1);
  return electron.BrowserWindow.instances[0]!;
}

function cspFromHeaderHandler(): string {
  const handler = electron.sessionHandlers.headers as (
    d: object,
    cb: (r: { responseHeaders: Record<string, string[]> }) => void,
  ) => void;
  let policy = '';
  handler(
    { url: 'http://localhost/', responseHeaders: {} },
    (r) => (policy = r.responseHeaders['Content-Security-Policy']![0]!),
  );
  return policy;
}

describe('startApp', () => {
  it('a second launch quits instead of opening another window', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(startApp({ mainDir, env: {} })).toBe(false);
    await settle();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('a second launch brings the first window back', async () => {
    const window = await started();
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('opens one "Companion" window with the secure webPreferences and our preload', async () => {
    const window = await started();
    expect(window.options).toMatchObject({ title: 'Companion' });
    expect(window.options.minWidth).toBeGreaterThanOrEqual(1100);
    expect(window.options.minHeight).toBeGreaterThanOrEqual(700);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: path.join(root, 'out', 'preload', 'preload.cjs'),
    });
    expect(electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('loads the built renderer with the strict CSP header when packaged', async () => {
    const window = await started({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(window.loadFile).toHaveBeenCalledWith(rendererIndex);
    expect(window.loadURL).not.toHaveBeenCalled();
    expect(cspFromHeaderHandler()).toBe(CONTENT_SECURITY_POLICY);
  });

  it('loads the dev server in development, with the dev-server CSP', async () => {
    electron.app.isPackaged = false;
    const window = await started({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(cspFromHeaderHandler()).toBe(DEV_SERVER_CONTENT_SECURITY_POLICY);
  });

  it('guards the window web contents (new windows denied)', async () => {
    const window = await started();
    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('answers the contract only for the main frame of its window', async () => {
    const window = await started();
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(Object.values(MAIN_CHANNELS).sort());
    const getAppInfo = electron.ipcHandlers.get(MAIN_CHANNELS.getAppInfo)!;
    const fromApp = {
      sender: window.webContents,
      senderFrame: { url: pathToFileURL(rendererIndex).href, parent: null },
    };
    await expect(getAppInfo(fromApp)).resolves.toMatchObject({
      version: '0.1.0',
      platform: process.platform,
    });
    const fromEvil = {
      sender: window.webContents,
      senderFrame: { url: 'https://evil.example/', parent: null },
    };
    await expect(getAppInfo(fromEvil)).rejects.toThrow();
  });

  it('refuses to store secrets without OS encryption', async () => {
    const window = await started();
    const secretSet = electron.ipcHandlers.get(MAIN_CHANNELS.secretSet)!;
    const fromApp = {
      sender: window.webContents,
      senderFrame: { url: pathToFileURL(rendererIndex).href, parent: null },
    };
    await expect(secretSet(fromApp, 'sip.password', 'clave')).rejects.toThrow(/no está disponible/);
  });
});
