import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  return { app: new Emitter(), shell: { openExternal: vi.fn(async (_url: string) => undefined) } };
});
vi.mock('electron', () => electron);

import { CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { createAppUrlPolicy, resolveAppPaths, resolveRendererEntry } from './appUrl';
import { createExternalOpener } from './externalLinks';
import type { Logger } from './logger';
import {
  hardenWebContents,
  installSessionSecurity,
  installWebContentsGuards,
  isPermissionGranted,
} from './security';

const paths = resolveAppPaths(path.resolve('/opt/companion/out/main'));
const isAppUrl = createAppUrlPolicy(resolveRendererEntry(paths, undefined, true));
const APP_URL = 'app://companion/index.html';
const ALLOW_LIST = ['https://www.sec.cl/', 'https://intranet.empresa.cl/ayuda'];

function fakeLogger(): Logger & { lines: { level: string; msg: string; fields?: object }[] } {
  const lines: { level: string; msg: string; fields?: object }[] = [];
  const write = (level: string, msg: string, fields?: object) => void lines.push({ level, msg, fields });
  return {
    lines,
    write,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    flush: async () => undefined,
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

function fakeWebContents() {
  const contents = new EventEmitter() as EventEmitter & { windowOpenHandler?: WindowOpenHandler };
  Object.assign(contents, {
    setWindowOpenHandler: (handler: WindowOpenHandler) => {
      contents.windowOpenHandler = handler;
    },
  });
  return contents;
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

let logger: ReturnType<typeof fakeLogger>;
let guardOptions: Parameters<typeof hardenWebContents>[1];
beforeEach(() => {
  logger = fakeLogger();
  guardOptions = {
    isAppUrl,
    logger,
    external: createExternalOpener({
      allowList: () => ALLOW_LIST,
      openInBrowser: electron.shell.openExternal,
      logger,
    }),
  };
  electron.shell.openExternal.mockClear();
  electron.app.removeAllListeners();
});

describe('web contents guards', () => {
  function hardened() {
    const contents = fakeWebContents();
    hardenWebContents(contents as unknown as WebContents, guardOptions);
    return contents;
  }

  it('applies to every web contents the app creates', () => {
    installWebContentsGuards(guardOptions);
    const contents = fakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const event = navigationEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler).toBeTypeOf('function');
  });

  it('prevents navigation and redirects away from the app', () => {
    const contents = hardened();
    for (const [eventName, url] of [
      ['will-navigate', 'https://evil.example/phish'],
      ['will-navigate', 'file:///etc/passwd'],
      ['will-redirect', 'http://127.0.0.1:8080/'],
    ] as const) {
      const event = navigationEvent(url);
      contents.emit(eventName, event);
      expect(event.preventDefault, `${eventName} ${url}`).toHaveBeenCalled();
    }
    expect(logger.lines.filter((l) => l.msg === 'navigation blocked')).toHaveLength(3);
  });

  it('lets the app move within its own pages', () => {
    const contents = hardened();
    const event = navigationEvent(`${APP_URL}#/pedido`);
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks subframes navigating away', () => {
    const contents = hardened();
    const event = navigationEvent('https://evil.example/', false);
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it("denies every new window; only links on the operator's allow-list go to the system browser", () => {
    const contents = hardened();
    expect(contents.windowOpenHandler!({ url: 'https://www.sec.cl/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.sec.cl/');
    expect(contents.windowOpenHandler!({ url: 'https://intranet.empresa.cl/ayuda/zb' })).toEqual({
      action: 'deny',
    });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://intranet.empresa.cl/ayuda/zb');
    for (const url of [
      'https://evil.example/',
      'https://intranet.empresa.cl/ayudante',
      'https://intranet.empresa.cl/admin',
      'https://www.sec.cl.evil.example/',
      'https://user:pw@www.sec.cl/',
      'http://www.sec.cl/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      APP_URL,
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(2);
    expect(logger.lines.filter((l) => l.msg === 'external link blocked')).toHaveLength(9);
  });

  it('refuses to attach webviews', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

function fakeSession() {
  const handlers: {
    headers?: (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      cb: (r: unknown) => void,
    ) => void;
    request?: (wc: unknown, permission: string, cb: (granted: boolean) => void, details: object) => void;
    check?: (wc: unknown, permission: string, origin: string, details: object) => boolean;
    device?: () => boolean;
  } = {};
  const session = {
    webRequest: { onHeadersReceived: (fn: typeof handlers.headers) => (handlers.headers = fn) },
    setPermissionRequestHandler: (fn: typeof handlers.request) => (handlers.request = fn),
    setPermissionCheckHandler: (fn: typeof handlers.check) => (handlers.check = fn),
    setDevicePermissionHandler: (fn: typeof handlers.device) => (handlers.device = fn),
  };
  installSessionSecurity(session as unknown as Session, {
    isAppUrl,
    logger,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
  return handlers;
}

describe('session security', () => {
  it('adds the CSP header to responses, replacing any other', () => {
    const { headers } = fakeSession();
    const respond = vi.fn();
    headers!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'Content-Type': ['text/html'], 'content-security-policy': ['default-src *'] },
      },
      respond,
    );
    expect(respond).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  function request(permission: string, details: object): boolean {
    const { request: handler } = fakeSession();
    let granted: boolean | undefined;
    handler!({}, permission, (g) => (granted = g), details);
    return granted!;
  }

  it('grants the microphone to the app', () => {
    expect(request('media', { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: ['audio'] })).toBe(true);
  });

  it('denies the camera, and the microphone to anything but the app', () => {
    expect(
      request('media', { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: ['audio', 'video'] }),
    ).toBe(false);
    expect(
      request('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['audio'] }),
    ).toBe(false);
  });

  it('grants sanitized clipboard writes and denies everything else', () => {
    expect(request('clipboard-sanitized-write', { requestingUrl: APP_URL, isMainFrame: true })).toBe(true);
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'fullscreen',
      'midi',
      'hid',
      'unknown',
    ]) {
      expect(request(permission, { requestingUrl: APP_URL, isMainFrame: true }), permission).toBe(false);
    }
    expect(logger.lines.some((l) => l.msg === 'permission request denied')).toBe(true);
  });

  it('answers permission checks by the same rule', () => {
    const { check, device } = fakeSession();
    const origin = 'app://companion';
    expect(
      check!({}, 'media', origin, { requestingUrl: APP_URL, isMainFrame: true, mediaType: 'audio' }),
    ).toBe(true);
    expect(
      check!({}, 'media', origin, { requestingUrl: APP_URL, isMainFrame: true, mediaType: 'video' }),
    ).toBe(false);
    expect(
      check!({}, 'clipboard-sanitized-write', origin, { requestingUrl: APP_URL, isMainFrame: true }),
    ).toBe(true);
    expect(check!({}, 'geolocation', origin, { requestingUrl: APP_URL, isMainFrame: true })).toBe(false);
    expect(check!({}, 'notifications', origin, { requestingUrl: APP_URL, isMainFrame: true })).toBe(false);
    expect(check!({}, 'clipboard-sanitized-write', origin, { isMainFrame: true })).toBe(false);
    expect(device!()).toBe(false);
  });
});

describe('isPermissionGranted', () => {
  it('agrees with the request handler for every allowed combination', () => {
    expect(
      isPermissionGranted({ permission: 'media', requestingUrl: APP_URL, mediaTypes: ['audio'] }, isAppUrl),
    ).toBe(true);
    expect(
      isPermissionGranted({ permission: 'media', requestingUrl: APP_URL, mediaTypes: [] }, isAppUrl),
    ).toBe(false);
    expect(
      isPermissionGranted({ permission: 'media', requestingUrl: undefined, mediaTypes: ['audio'] }, isAppUrl),
    ).toBe(false);
  });
});
