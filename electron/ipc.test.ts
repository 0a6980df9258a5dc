import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAIN_API_CALLERS, MAIN_CHANNELS, type MainApi, type MainApiMethod } from '../shared/ipc/contract';
import { createAppUrlPolicy, resolveAppPaths, resolveRendererEntry } from './appUrl';
import { createSenderCheck, IPC_REJECTED_MESSAGE, registerMainApi } from './ipc';
import { DEFAULT_DESKTOP_SETTINGS, samplePopCard } from '../test/fixtures/desktop';
import { createLogger } from './logger';

vi.mock('electron', () => ({}));

const paths = resolveAppPaths(path.resolve('/opt/companion/out/main'));
const isAppUrl = createAppUrlPolicy(resolveRendererEntry(paths, undefined, true));
const APP_URL = 'app://companion/index.html';
const POP_URL = 'app://companion/pop.html';
const WINDOW_ID = 7;
const POP_WINDOW_ID = 8;

const CARD = samplePopCard();

const FACTS = {
  line: { status: 'online', label: 'En línea', server: 'wss://pbx/ws', extension: 'sip:1001@pbx' },
  liveCalls: 0,
  queue: { pending: 0, rejected: 0, oldestPendingAt: null },
  directory: { customers: 10, syncedAt: null, updatedAt: null, source: 'sample' },
  backOffice: { url: null, reachability: 'unknown', signedIn: false },
  userAgent: 'test',
};

/** One well-formed argument list per method, to prove who may call what. */
const GOOD_ARGS: Record<MainApiMethod, unknown[]> = {
  getAppInfo: [],
  secretSet: ['sip.password', 'x'],
  secretGet: ['sip.password'],
  secretDelete: ['sip.password'],
  log: ['info', 'x', {}],
  reportShellState: [{ line: 'online', lineLabel: 'En línea', queuedForms: 2, inCall: false }],
  popShow: [CARD],
  popHide: ['call-1'],
  popCurrent: [],
  popAct: [{ callId: 'call-1', action: 'answer' }],
  popOpenMain: [],
  popDismiss: ['call-1'],
  desktopSettingsGet: [],
  desktopSettingsSet: [{ popShortcut: 'Control+Alt+P' }],
  updateStatus: [],
  updateInstall: [],
  diagnosticCopy: [FACTS],
};

const SETTINGS = DEFAULT_DESKTOP_SETTINGS;

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
  };
  const impl = {
    getAppInfo: vi.fn(async () => ({ version: '0.1.0', platform: 'win32', electron: '45.5.0' })),
    secretSet: vi.fn(async () => undefined),
    secretGet: vi.fn(async (key: string) => (key === 'sip.password' ? 'clave' : null)),
    secretDelete: vi.fn(async () => undefined),
    log: vi.fn(async () => undefined),
    reportShellState: vi.fn(async () => undefined),
    popShow: vi.fn(async () => undefined),
    popHide: vi.fn(async () => undefined),
    popCurrent: vi.fn(async () => null),
    popAct: vi.fn(async () => undefined),
    popOpenMain: vi.fn(async () => undefined),
    popDismiss: vi.fn(async () => undefined),
    desktopSettingsGet: vi.fn(async () => SETTINGS),
    desktopSettingsSet: vi.fn(async () => SETTINGS),
    updateStatus: vi.fn(async () => ({
      phase: 'disabled' as const,
      version: null,
      percent: null,
      message: '',
    })),
    updateInstall: vi.fn(async () => ({ started: true as const })),
    diagnosticCopy: vi.fn(async () => 'diagnóstico'),
  } satisfies MainApi;
  const stderr: string[] = [];
  const logger = createLogger({ filePath: null, stderr: { write: (s: string) => stderr.push(s) } });
  const appContents = { id: WINDOW_ID, isDestroyed: () => false } as unknown as WebContents;
  const popContents = { id: POP_WINDOW_ID, isDestroyed: () => false } as unknown as WebContents;
  const check = createSenderCheck({
    getAppWebContents: () => ({ main: appContents, pop: popContents }),
    isAppUrl,
  });
  registerMainApi(ipcMain as unknown as IpcMain, impl, check, logger);

  const invoke = (method: keyof MainApi, args: unknown[], sender: Partial<SenderSpec> = {}) => {
    const handler = handlers.get(MAIN_CHANNELS[method]);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler(fakeEvent({ ...TRUSTED, ...sender }), ...args);
  };
  const logLines = () => stderr.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { handlers, impl, invoke, logLines };
}

interface SenderSpec {
  contentsId: number;
  url: string;
  isSubframe: boolean;
  frameGone: boolean;
}
const TRUSTED: SenderSpec = { contentsId: WINDOW_ID, url: APP_URL, isSubframe: false, frameGone: false };

function fakeEvent(spec: SenderSpec): IpcMainInvokeEvent {
  const frame = spec.frameGone ? null : { url: spec.url, parent: spec.isSubframe ? { url: APP_URL } : null };
  return { sender: { id: spec.contentsId }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

let ctx: ReturnType<typeof setup>;
beforeEach(() => {
  ctx = setup();
});

describe('registerMainApi', () => {
  it('registers exactly one handler per contract channel', () => {
    expect([...ctx.handlers.keys()].sort()).toEqual(Object.values(MAIN_CHANNELS).sort());
  });

  it('passes a good call to the implementation and returns its value', async () => {
    await expect(ctx.invoke('secretGet', ['sip.password'])).resolves.toBe('clave');
    expect(ctx.impl.secretGet).toHaveBeenCalledWith('sip.password');
    await expect(ctx.invoke('getAppInfo', [])).resolves.toEqual({
      version: '0.1.0',
      platform: 'win32',
      electron: '45.5.0',
    });
    await ctx.invoke('log', ['info', 'pedido enviado', { ticket: 12, ok: true, note: null }]);
    expect(ctx.impl.log).toHaveBeenCalledWith('info', 'pedido enviado', { ticket: 12, ok: true, note: null });
    await expect(ctx.invoke('secretSet', ['sip.password', 'x'.repeat(8192)])).resolves.toBeUndefined();
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/' }, /untrusted origin https:\/\/evil\.example/],
    ['a local file outside the app', { url: 'file:///etc/passwd' }, /untrusted origin/],
    ['a subframe', { isSubframe: true }, /subframe/],
    ['another window', { contentsId: 99 }, /not a Companion window/],
    ['a frame that is gone', { frameGone: true }, /frame is gone/],
  ])('rejects calls from %s without calling the implementation', async (_name, sender, reason) => {
    await expect(ctx.invoke('secretGet', ['sip.password'], sender)).rejects.toThrow(IPC_REJECTED_MESSAGE);
    expect(ctx.impl.secretGet).not.toHaveBeenCalled();
    const [line] = ctx.logLines();
    expect(line).toMatchObject({ level: 'warn', msg: 'ipc call rejected', channel: MAIN_CHANNELS.secretGet });
    expect(line!.reason).toMatch(reason);
  });

  it.each([
    ['wrong type', 'secretSet', ['sip.password', 42]],
    ['too long', 'secretSet', ['sip.password', 'x'.repeat(8193)]],
    ['extra argument', 'secretGet', ['sip.password', 'extra']],
    ['missing argument', 'secretGet', []],
    ['bad key', 'secretDelete', ['../../etc/passwd']],
    ['unknown log level', 'log', ['fatal', 'msg', {}]],
    ['nested log field', 'log', ['info', 'msg', { nested: { a: 1 } }]],
    ['arguments to a no-arg method', 'getAppInfo', ['x']],
    ['empty call id', 'popHide', ['']],
    ['extra field in a pop card', 'popShow', [{ ...CARD, html: '<img onerror=alert(1)>' }]],
    [
      'negative queue size',
      'reportShellState',
      [{ line: 'online', lineLabel: 'x', queuedForms: -1, inCall: false }],
    ],
    ['unknown setting', 'desktopSettingsSet', [{ updateUrl: 'https://evil.example/' }]],
    ['facts missing a part', 'diagnosticCopy', [{ ...FACTS, queue: undefined }]],
  ] as const)('rejects a malformed payload (%s)', async (_name, method, args) => {
    await expect(ctx.invoke(method, [...args])).rejects.toThrow(IPC_REJECTED_MESSAGE);
    expect(ctx.impl[method]).not.toHaveBeenCalled();
    const [line] = ctx.logLines();
    expect(line).toMatchObject({ msg: 'ipc call rejected', channel: MAIN_CHANNELS[method] });
    expect(line!.reason).toMatch(/^invalid arguments: /);
  });

  it('never writes a rejected secret value to the log', async () => {
    await expect(ctx.invoke('secretSet', ['sip.password', 'clave-secreta', 'extra'])).rejects.toThrow();
    expect(JSON.stringify(ctx.logLines())).not.toContain('clave-secreta');
  });

  it('logs and passes on an implementation failure', async () => {
    ctx.impl.secretSet.mockRejectedValueOnce(
      new Error('El almacenamiento seguro del sistema no está disponible'),
    );
    await expect(ctx.invoke('secretSet', ['sip.password', 'x'])).rejects.toThrow(/no está disponible/);
    expect(ctx.logLines()[0]).toMatchObject({
      level: 'error',
      msg: 'ipc handler failed',
      channel: MAIN_CHANNELS.secretSet,
    });
  });
});

describe('window roles', () => {
  const POP: Partial<SenderSpec> = { contentsId: POP_WINDOW_ID, url: POP_URL };

  it('the pop window may only draw its card and pass on its buttons', async () => {
    for (const method of Object.keys(MAIN_CHANNELS) as MainApiMethod[]) {
      const allowed = (MAIN_API_CALLERS[method] as readonly string[]).includes('pop');
      const call = ctx.invoke(method, GOOD_ARGS[method], POP);
      if (allowed) await expect(call, method).resolves.not.toThrow();
      else await expect(call, method).rejects.toThrow(IPC_REJECTED_MESSAGE);
    }
    expect(ctx.impl.secretGet).not.toHaveBeenCalled();
    expect(ctx.impl.popShow).not.toHaveBeenCalled();
    expect(ctx.impl.popAct).toHaveBeenCalledWith({ callId: 'call-1', action: 'answer' });
    expect(ctx.logLines().some((l) => /the pop window may not call secretGet/.test(String(l.reason)))).toBe(
      true,
    );
  });

  it("checks the pop window's arguments too", async () => {
    await expect(ctx.invoke('popAct', [{ callId: 'call-1', action: 'hangup' }], POP)).rejects.toThrow(
      IPC_REJECTED_MESSAGE,
    );
    expect(ctx.impl.popAct).not.toHaveBeenCalled();
  });

  it('the main window may do everything but act as the pop window', async () => {
    for (const method of Object.keys(MAIN_CHANNELS) as MainApiMethod[]) {
      const allowed = (MAIN_API_CALLERS[method] as readonly string[]).includes('main');
      const call = ctx.invoke(method, GOOD_ARGS[method]);
      if (allowed) await expect(call, method).resolves.not.toThrow();
      else await expect(call, method).rejects.toThrow(IPC_REJECTED_MESSAGE);
    }
    expect(ctx.impl.popAct).not.toHaveBeenCalled();
    expect(MAIN_API_CALLERS.secretGet).toEqual(['main']);
  });
});

describe('createSenderCheck', () => {
  it('rejects everything once the window is destroyed', () => {
    const check = createSenderCheck({
      getAppWebContents: () => ({
        main: { id: WINDOW_ID, isDestroyed: () => true } as unknown as WebContents,
      }),
      isAppUrl,
    });
    expect(check(fakeEvent(TRUSTED))).toEqual({
      trusted: false,
      reason: 'sender is not a Companion window',
    });
    expect(createSenderCheck({ getAppWebContents: () => ({}), isAppUrl })(fakeEvent(TRUSTED)).trusted).toBe(
      false,
    );
  });

  it('says which window is calling', () => {
    const check = createSenderCheck({
      getAppWebContents: () => ({
        main: { id: WINDOW_ID, isDestroyed: () => false } as unknown as WebContents,
        pop: { id: POP_WINDOW_ID, isDestroyed: () => false } as unknown as WebContents,
      }),
      isAppUrl,
    });
    expect(check(fakeEvent(TRUSTED))).toEqual({ trusted: true, role: 'main' });
    expect(check(fakeEvent({ ...TRUSTED, contentsId: POP_WINDOW_ID, url: POP_URL }))).toEqual({
      trusted: true,
      role: 'pop',
    });
  });

  it('in dev trusts only the dev server origin', () => {
    const devCheck = createSenderCheck({
      getAppWebContents: () => ({
        main: { id: WINDOW_ID, isDestroyed: () => false } as unknown as WebContents,
      }),
      isAppUrl: createAppUrlPolicy(resolveRendererEntry(paths, 'http://localhost:5173', false)),
    });
    expect(devCheck(fakeEvent({ ...TRUSTED, url: 'http://localhost:5173/' })).trusted).toBe(true);
    expect(devCheck(fakeEvent({ ...TRUSTED, url: 'http://localhost:5174/' })).trusted).toBe(false);
    expect(devCheck(fakeEvent(TRUSTED)).trusted).toBe(false);
  });
});
