import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAIN_CHANNELS, type MainApi } from '../shared/ipc/contract';
import { createAppUrlPolicy, resolveAppPaths, resolveRendererEntry } from './appUrl';
import { createSenderCheck, IPC_REJECTED_MESSAGE, registerMainApi } from './ipc';
import { createLogger } from './logger';

vi.mock('electron', () => ({}));

const paths = resolveAppPaths(path.resolve('/opt/companion/out/main'));
const isAppUrl = createAppUrlPolicy(resolveRendererEntry(paths, undefined, true));
const APP_URL = pathToFileURL(paths.rendererIndex).href;
const WINDOW_ID = 7;

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
  } satisfies MainApi;
  const stderr: string[] = [];
  const logger = createLogger({ filePath: null, stderr: { write: (s: string) => stderr.push(s) } });
  const appContents = { id: WINDOW_ID, isDestroyed: () => false } as unknown as WebContents;
  const check = createSenderCheck({ getAppWebContents: () => appContents, isAppUrl });
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
    ['another window', { contentsId: 99 }, /not the Companion window/],
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

describe('createSenderCheck', () => {
  it('rejects everything once the window is destroyed', () => {
    const check = createSenderCheck({
      getAppWebContents: () => ({ id: WINDOW_ID, isDestroyed: () => true }) as unknown as WebContents,
      isAppUrl,
    });
    expect(check(fakeEvent(TRUSTED))).toEqual({
      trusted: false,
      reason: 'sender is not the Companion window',
    });
    expect(createSenderCheck({ getAppWebContents: () => null, isAppUrl })(fakeEvent(TRUSTED)).trusted).toBe(
      false,
    );
  });

  it('in dev trusts only the dev server origin', () => {
    const devCheck = createSenderCheck({
      getAppWebContents: () => ({ id: WINDOW_ID, isDestroyed: () => false }) as unknown as WebContents,
      isAppUrl: createAppUrlPolicy(resolveRendererEntry(paths, 'http://localhost:5173', false)),
    });
    expect(devCheck(fakeEvent({ ...TRUSTED, url: 'http://localhost:5173/' })).trusted).toBe(true);
    expect(devCheck(fakeEvent({ ...TRUSTED, url: 'http://localhost:5174/' })).trusted).toBe(false);
    expect(devCheck(fakeEvent(TRUSTED)).trusted).toBe(false);
  });
});
