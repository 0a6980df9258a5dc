// The main process's composition root with `electron` mocked: every desktop behaviour an agent
// notices (tray, pop window, shortcut, notifications, updates, diagnostic) wired end to end.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  let nextId = 1;

  class FakeWebContents extends EventEmitter {
    id = nextId++;
    windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
    isDestroyed = () => false;
    send = vi.fn();
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
    focused = false;
    bounds = { x: 0, y: 0, width: 0, height: 0 };
    loadURL = vi.fn(async (_url: string) => undefined);
    restore = vi.fn(() => (this.minimized = false));
    show = vi.fn(() => (this.visible = true));
    showInactive = vi.fn(() => (this.visible = true));
    hide = vi.fn(() => (this.visible = false));
    focus = vi.fn(() => (this.focused = true));
    flashFrame = vi.fn();
    setAlwaysOnTop = vi.fn();
    setBounds = vi.fn((b: typeof this.bounds) => (this.bounds = b));
    getBounds = () => this.bounds;
    isMinimized = () => this.minimized;
    isVisible = () => this.visible;
    isDestroyed = () => false;
    constructor(public options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
      // Like Electron: every new web contents is announced on the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
    /** Like a user (or Windows) closing it: listeners may prevent it. */
    tryClose(): boolean {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      return !prevented;
    }
  }

  let loginItem = false;
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
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: loginItem })),
    setLoginItemSettings: vi.fn((s: { openAtLogin: boolean }) => (loginItem = s.openAtLogin)),
    resetLoginItem: () => (loginItem = false),
  });

  const sessionHandlers: Record<string, unknown> = {};
  const defaultSession = {
    webRequest: { onHeadersReceived: (fn: unknown) => (sessionHandlers.headers = fn) },
    setPermissionRequestHandler: (fn: unknown) => (sessionHandlers.request = fn),
    setPermissionCheckHandler: (fn: unknown) => (sessionHandlers.check = fn),
    setDevicePermissionHandler: (fn: unknown) => (sessionHandlers.device = fn),
  };

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) =>
      protocolHandlers.set(scheme, handler),
    ),
  };

  class FakeTray extends EventEmitter {
    static instances: FakeTray[] = [];
    tooltip = '';
    menu: { id?: string; label?: string; enabled?: boolean; click?: (i: { checked: boolean }) => void }[] =
      [];
    setImage = vi.fn();
    destroy = vi.fn();
    constructor(public image: unknown) {
      super();
      FakeTray.instances.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: FakeTray['menu']) {
      this.menu = menu;
    }
  }

  class FakeNotification extends EventEmitter {
    static instances: FakeNotification[] = [];
    static isSupported = () => true;
    show = vi.fn();
    close = vi.fn();
    constructor(public options: { title: string; body: string }) {
      super();
      FakeNotification.instances.push(this);
    }
  }

  const shortcuts = new Map<string, () => void>();
  const ipcHandlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const autoUpdater = Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    logger: null as unknown,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
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
    protocol,
    protocolHandlers,
    shell: { openExternal: vi.fn(async () => undefined) },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'unknown' },
    screen: {
      getAllDisplays: () => [
        {
          id: 1,
          bounds: { x: 0, y: 0, width: 1366, height: 768 },
          workArea: { x: 0, y: 0, width: 1366, height: 728 },
        },
      ],
      getCursorScreenPoint: () => ({ x: 10, y: 10 }),
    },
    globalShortcut: {
      register: vi.fn((acc: string, cb: () => void) => (shortcuts.set(acc, cb), true)),
      unregister: vi.fn((acc: string) => shortcuts.delete(acc)),
    },
    shortcuts,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: {
      createFromBuffer: () => ({ addRepresentation: vi.fn() }),
    },
    Notification: FakeNotification,
    clipboard: { writeText: vi.fn() },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) },
    autoUpdater,
  };
});
vi.mock('electron', () => electron);
vi.mock('electron-updater', () => ({ default: { autoUpdater: electron.autoUpdater } }));

import { MAIN_CHANNELS, MAIN_EVENTS } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { startApp } from './bootstrap';
import { IN_CALL_REASON } from './updates';
import { samplePopCard } from '../test/fixtures/desktop';

const root = mkdtempSync(path.join(tmpdir(), 'companion-bootstrap-'));
const mainDir = path.join(root, 'out', 'main');
const rendererDir = path.join(root, 'out', 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Companion</title>');
const operatorFile = path.join(root, 'companion.json');
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let pending log appends finish
  rmSync(root, { recursive: true, force: true });
});

const MAIN_URL = 'app://companion/index.html';
const POP_URL = 'app://companion/pop.html';

beforeEach(() => {
  electron.app.removeAllListeners();
  electron.app.isPackaged = true;
  electron.app.userData = path.join(root, `userData-${Math.random().toString(36).slice(2)}`);
  electron.app.requestSingleInstanceLock.mockReturnValue(true);
  electron.app.resetLoginItem();
  electron.BrowserWindow.instances.length = 0;
  electron.Tray.instances.length = 0;
  electron.Notification.instances.length = 0;
  electron.ipcHandlers.clear();
  electron.protocolHandlers.clear();
  electron.shortcuts.clear();
  electron.autoUpdater.removeAllListeners();
  for (const key of Object.keys(electron.sessionHandlers)) delete electron.sessionHandlers[key];
  vi.clearAllMocks();
  writeFileSync(
    operatorFile,
    JSON.stringify({
      updateUrl: 'https://updates.empresa.cl/companion/',
      externalLinks: ['https://www.sec.cl/'],
    }),
  );
  // Keep the test output clean; the log lines themselves are covered in logger.test.ts.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

async function started(options: { env?: NodeJS.ProcessEnv; argv?: string[] } = {}) {
  const app = startApp({
    mainDir,
    env: { COMPANION_CONFIG: operatorFile, ...options.env },
    argv: options.argv ?? [],
  });
  expect(app).not.toBeNull();
  await app!.ready;
  expect(electron.BrowserWindow.instances).toHaveLength(2);
  const [pop, main] = electron.BrowserWindow.instances as [
    InstanceType<typeof electron.BrowserWindow>,
    InstanceType<typeof electron.BrowserWindow>,
  ];
  const from = (window: typeof main, url: string) => ({
    sender: window.webContents,
    senderFrame: { url, parent: null },
  });
  const call = (channel: string, sender: ReturnType<typeof from>, ...args: unknown[]) =>
    electron.ipcHandlers.get(channel)!(sender, ...args);
  return {
    main,
    pop,
    tray: electron.Tray.instances[0]!,
    fromMain: from(main, MAIN_URL),
    fromPop: from(pop, POP_URL),
    call,
  };
}

const card = samplePopCard;

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

const SECURE_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
};

describe('start-up', () => {
  it('a second launch quits instead of opening another window', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(startApp({ mainDir, env: {}, argv: [] })).toBeNull();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('a second launch brings the first window back', async () => {
    const { main } = await started();
    main.minimized = true;
    electron.app.emit('second-instance');
    expect(main.restore).toHaveBeenCalled();
    expect(main.focus).toHaveBeenCalled();
  });

  it('opens the main window and a hidden pop window, both with the secure webPreferences and our preload', async () => {
    const { main, pop } = await started();
    const preload = path.join(root, 'out', 'preload', 'preload.cjs');
    expect(main.options).toMatchObject({ title: 'Companion', show: false });
    expect(main.options.minWidth).toBeGreaterThanOrEqual(1100);
    expect(main.options.webPreferences).toMatchObject({ ...SECURE_PREFERENCES, preload });
    expect(pop.options).toMatchObject({ show: false, alwaysOnTop: true });
    expect(pop.options.webPreferences).toMatchObject({ ...SECURE_PREFERENCES, preload });
    expect(pop.visible).toBe(false);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('shows the main window once painted, unless started at login into the tray', async () => {
    const { main } = await started();
    main.emit('ready-to-show');
    expect(main.show).toHaveBeenCalled();

    electron.BrowserWindow.instances.length = 0;
    const hidden = await started({ argv: ['Companion.exe', '--hidden'] });
    hidden.main.emit('ready-to-show');
    expect(hidden.main.show).not.toHaveBeenCalled();
  });

  it('serves the built renderer through app:// (only its files) with the strict CSP', async () => {
    const { main, pop } = await started({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(main.loadURL).toHaveBeenCalledWith(MAIN_URL);
    expect(pop.loadURL).toHaveBeenCalledWith(POP_URL);
    const handler = electron.protocolHandlers.get('app')!;
    const page = await handler(new Request(MAIN_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('app://companion/%2e%2e/%2e%2e/companion.json'))).status).toBe(404);
    expect(cspFromHeaderHandler()).toBe(CONTENT_SECURITY_POLICY);
  });

  it('loads the dev server in development, with the dev-server CSP and no app:// handler', async () => {
    electron.app.isPackaged = false;
    const { main, pop } = await started({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(main.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(pop.loadURL).toHaveBeenCalledWith('http://localhost:5173/pop.html');
    expect(cspFromHeaderHandler()).toBe(DEV_SERVER_CONTENT_SECURITY_POLICY);
    expect(electron.protocolHandlers.size).toBe(0);
  });
});

describe('security wiring', () => {
  it("denies new windows; only links on the operator's allow-list reach the browser", async () => {
    const { main } = await started();
    expect(main.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(main.webContents.windowOpenHandler!({ url: 'https://www.sec.cl/normativa' })).toEqual({
      action: 'deny',
    });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.sec.cl/normativa');
  });

  it('answers the contract only for the main frames of its windows, each for its own methods', async () => {
    const { main, fromMain, fromPop, call } = await started();
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(Object.values(MAIN_CHANNELS).sort());
    await expect(call(MAIN_CHANNELS.getAppInfo, fromMain)).resolves.toMatchObject({ version: '0.1.0' });
    const fromEvil = {
      sender: main.webContents,
      senderFrame: { url: 'https://evil.example/', parent: null },
    };
    await expect(call(MAIN_CHANNELS.getAppInfo, fromEvil)).rejects.toThrow();
    await expect(call(MAIN_CHANNELS.secretGet, fromPop, 'sip.password')).rejects.toThrow(/rechazada/);
    await expect(call(MAIN_CHANNELS.popShow, fromPop, card())).rejects.toThrow(/rechazada/);
  });

  it('refuses to store secrets without OS encryption', async () => {
    const { fromMain, call } = await started();
    await expect(call(MAIN_CHANNELS.secretSet, fromMain, 'sip.password', 'clave')).rejects.toThrow(
      /no está disponible/,
    );
  });
});

describe('the pop window', () => {
  it('a call shows it inactive, on top and flashing, with its card; hidden when the call is gone', async () => {
    const { pop, fromMain, fromPop, call } = await started();
    await call(MAIN_CHANNELS.popShow, fromMain, card());
    expect(electron.BrowserWindow.instances).toHaveLength(2); // no window made for the call
    expect(pop.showInactive).toHaveBeenCalled();
    expect(pop.focus).not.toHaveBeenCalled();
    expect(pop.setAlwaysOnTop).toHaveBeenCalledWith(true, 'screen-saver');
    expect(pop.flashFrame).toHaveBeenCalledWith(true);
    expect(pop.webContents.send).toHaveBeenCalledWith(MAIN_EVENTS.popCard, card());
    await expect(call(MAIN_CHANNELS.popCurrent, fromPop)).resolves.toEqual(card());
    await call(MAIN_CHANNELS.popHide, fromMain, 'call-1');
    expect(pop.visible).toBe(false);
  });

  it("its buttons act on the main window's call", async () => {
    const { main, fromMain, fromPop, call } = await started();
    await call(MAIN_CHANNELS.popShow, fromMain, card());
    await call(MAIN_CHANNELS.popAct, fromPop, { callId: 'call-1', action: 'answer' });
    expect(main.webContents.send).toHaveBeenCalledWith(MAIN_EVENTS.popAction, {
      callId: 'call-1',
      action: 'answer',
    });
    await call(MAIN_CHANNELS.popAct, fromPop, { callId: 'stale', action: 'reject' });
    expect(main.webContents.send).not.toHaveBeenCalledWith(
      MAIN_EVENTS.popAction,
      expect.objectContaining({ callId: 'stale' }),
    );
    await call(MAIN_CHANNELS.popOpenMain, fromPop);
    expect(main.focus).toHaveBeenCalled();
  });

  it('Ctrl+Alt+Space brings the pop to the front during a call, else the main window', async () => {
    const { main, pop, fromMain, call } = await started();
    const press = electron.shortcuts.get('Control+Alt+Space')!;
    press();
    expect(main.focus).toHaveBeenCalled();
    await call(MAIN_CHANNELS.popShow, fromMain, card());
    press();
    expect(pop.focus).toHaveBeenCalled();
  });
});

describe('main window reload', () => {
  it('hides the pop of a call the reloading window no longer holds, and forgets its state', async () => {
    const { main, pop, tray, fromMain, call } = await started();
    await call(MAIN_CHANNELS.reportShellState, fromMain, {
      line: 'online',
      lineLabel: 'En línea',
      queuedForms: 2,
      inCall: true,
    });
    await call(MAIN_CHANNELS.popShow, fromMain, card());
    main.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(pop.visible).toBe(false);
    expect(tray.menu.find((i) => i.id === 'line')!.label).toBe('Línea: cargando…');
  });
});

describe('notifications', () => {
  it('a ringing call notifies only while the main window is hidden', async () => {
    const { main, fromMain, call } = await started();
    main.visible = true;
    await call(MAIN_CHANNELS.popShow, fromMain, card());
    expect(electron.Notification.instances).toHaveLength(0);
    main.visible = false;
    await call(MAIN_CHANNELS.popShow, fromMain, card({ callId: 'call-2' }));
    expect(electron.Notification.instances).toHaveLength(1);
    expect(electron.Notification.instances[0]!.options).toMatchObject({
      title: 'Llamada entrante: +56 9 8765 4321',
      body: 'María Soto (C-100234) — Z1 — Cobranza',
    });
  });
});

describe('tray', () => {
  it('closing the window keeps the app in the tray; Salir quits', async () => {
    const { main, tray } = await started();
    main.visible = true;
    expect(main.tryClose()).toBe(false);
    expect(main.visible).toBe(false);
    expect(electron.Notification.instances[0]!.options.title).toBe('Companion sigue abierto');
    tray.menu.find((i) => i.id === 'quit')!.click!({ checked: false });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(main.tryClose()).toBe(true);
  });

  it('Salir during a call asks first, and stays when the agent goes back to the call', async () => {
    const { tray, fromMain, call } = await started();
    await call(MAIN_CHANNELS.reportShellState, fromMain, {
      line: 'online',
      lineLabel: 'En línea',
      queuedForms: 0,
      inCall: true,
    });
    tray.menu.find((i) => i.id === 'quit')!.click!({ checked: false });
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled());
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('shows the line state and the queue size the main window reports', async () => {
    const { tray, fromMain, call } = await started();
    expect(tray.menu.find((i) => i.id === 'line')!.label).toBe('Línea: cargando…');
    await call(MAIN_CHANNELS.reportShellState, fromMain, {
      line: 'offline',
      lineLabel: 'Sin conexión — reintentando en 8 s',
      queuedForms: 4,
      inCall: false,
    });
    expect(tray.menu.find((i) => i.id === 'line')!.label).toBe('Línea: Sin conexión — reintentando en 8 s');
    expect(tray.menu.find((i) => i.id === 'queue')!.label).toBe('Formularios en cola: 4');
    expect(tray.tooltip).toBe('Companion — Sin conexión — reintentando en 8 s — 4 formularios en cola');
    expect(tray.setImage).toHaveBeenCalled();
  });

  it('start at login from the tray launches hidden into the tray', async () => {
    const { tray } = await started();
    tray.menu.find((i) => i.id === 'start-at-login')!.click!({ checked: true });
    await vi.waitFor(() =>
      expect(electron.app.setLoginItemSettings).toHaveBeenCalledWith({
        openAtLogin: true,
        args: ['--hidden'],
      }),
    );
  });
});

describe('updates', () => {
  it('download from the operator URL and are never installed during a call', async () => {
    const { fromMain, call, main } = await started();
    expect(electron.autoUpdater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://updates.empresa.cl/companion/',
    });
    electron.autoUpdater.emit('update-downloaded', { version: '1.2.0' });
    expect(main.webContents.send).toHaveBeenCalledWith(
      MAIN_EVENTS.updateStatus,
      expect.objectContaining({ phase: 'ready', version: '1.2.0' }),
    );
    await call(MAIN_CHANNELS.reportShellState, fromMain, {
      line: 'online',
      lineLabel: 'En línea',
      queuedForms: 0,
      inCall: true,
    });
    await expect(call(MAIN_CHANNELS.updateInstall, fromMain)).resolves.toEqual({
      started: false,
      reason: IN_CALL_REASON,
    });
    expect(electron.autoUpdater.quitAndInstall).not.toHaveBeenCalled();

    await call(MAIN_CHANNELS.reportShellState, fromMain, {
      line: 'online',
      lineLabel: 'En línea',
      queuedForms: 0,
      inCall: false,
    });
    await expect(call(MAIN_CHANNELS.updateInstall, fromMain)).resolves.toEqual({ started: true });
    expect(electron.autoUpdater.quitAndInstall).toHaveBeenCalledWith(true, true);
    expect(main.tryClose()).toBe(true); // windows close for real for the installer
  });

  it('a pop still on screen counts as a call', async () => {
    const { fromMain, call } = await started();
    electron.autoUpdater.emit('update-downloaded', { version: '1.2.0' });
    await call(MAIN_CHANNELS.popShow, fromMain, card({ phase: 'active' }));
    await expect(call(MAIN_CHANNELS.updateInstall, fromMain)).resolves.toMatchObject({ started: false });
  });

  it('are off in a copy that is not installed', async () => {
    electron.app.isPackaged = false;
    const { fromMain, call } = await started();
    expect(electron.autoUpdater.setFeedURL).not.toHaveBeenCalled();
    await expect(call(MAIN_CHANNELS.updateStatus, fromMain)).resolves.toMatchObject({ phase: 'disabled' });
  });
});

describe('desktop settings and diagnostic', () => {
  it('show the operator URL and change the shortcut', async () => {
    const { fromMain, call } = await started();
    await expect(call(MAIN_CHANNELS.desktopSettingsGet, fromMain)).resolves.toMatchObject({
      popShortcut: 'Control+Alt+Space',
      updateUrl: 'https://updates.empresa.cl/companion/',
      externalLinks: ['https://www.sec.cl/'],
    });
    await call(MAIN_CHANNELS.desktopSettingsSet, fromMain, { popShortcut: 'Control+Alt+P' });
    expect([...electron.shortcuts.keys()]).toEqual(['Control+Alt+P']);
  });

  it('copies the diagnostic to the clipboard', async () => {
    const { fromMain, call } = await started();
    const text = (await call(MAIN_CHANNELS.diagnosticCopy, fromMain, {
      line: { status: 'online', label: 'En línea', server: 'wss://pbx/ws', extension: 'sip:1001@pbx' },
      liveCalls: 0,
      queue: { pending: 1, rejected: 0, oldestPendingAt: null },
      directory: { customers: 10, syncedAt: null, updatedAt: null, source: 'sample' },
      backOffice: { url: null, reachability: 'unknown', signedIn: false },
      userAgent: 'test',
    })) as string;
    expect(electron.clipboard.writeText).toHaveBeenCalledWith(text);
    expect(text).toContain('actualizaciones: https://updates.empresa.cl/companion/');
    expect(text).toMatch(/"msg":"app started"/);
  });
});
