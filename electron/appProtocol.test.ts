import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  installAppProtocol,
  resolveAppFile,
} from './appProtocol';
import { createLogger } from './logger';

vi.mock('electron', () => ({}));

const root = mkdtempSync(path.join(tmpdir(), 'companion-protocol-'));
const rendererDir = path.join(root, 'out', 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
mkdirSync(path.join(root, 'out', 'preload'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Companion</title>');
writeFileSync(path.join(rendererDir, 'assets', 'main-1a2b.js'), 'console.log(1)');
writeFileSync(path.join(rendererDir, 'assets', 'directory.worker-9f.js'), 'self.onmessage = null');
writeFileSync(path.join(rendererDir, '.env'), 'SECRET=1');
writeFileSync(path.join(root, 'out', 'preload', 'preload.cjs'), 'require("electron")');
writeFileSync(path.join(root, 'secrets.json'), '{"secrets":{}}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CSP = "default-src 'none'; script-src 'self'";
const lines: string[] = [];
const logger = createLogger({ filePath: null, stderr: { write: (s: string) => lines.push(s) } });
const handler = createAppProtocolHandler({ rendererDir, contentSecurityPolicy: CSP, logger });
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('resolveAppFile', () => {
  it('maps app://companion paths to files of the renderer, / to index.html', () => {
    expect(resolveAppFile(rendererDir, 'app://companion/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://companion/assets/main-1a2b.js?v=1#x')).toBe(
      path.join(rendererDir, 'assets', 'main-1a2b.js'),
    );
  });

  it('keeps dot segments the URL parser resolves inside the renderer', () => {
    // WHATWG URL parsing drops a leading "/.." before we ever see the path.
    for (const url of [
      'app://companion/../preload/preload.cjs',
      'app://companion/%2e%2e/preload/preload.cjs',
    ]) {
      expect(resolveAppFile(rendererDir, url), url).toBe(path.join(rendererDir, 'preload', 'preload.cjs'));
    }
  });

  it.each([
    'app://companion/assets/%2e%2e%2f%2e%2e%2fsecrets.json',
    'app://companion/..%5c..%5csecrets.json',
    'app://companion/index.html%00.js',
    'app://companion/.env',
    'app://other/index.html',
    'app://user:pw@companion/index.html',
    'file:///etc/passwd',
    'https://companion/index.html',
    'app://companion/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(rendererDir, url)).toBeNull();
  });
});

describe('app:// handler', () => {
  it('serves the page and its module worker with types, nosniff and the CSP', async () => {
    const page = await get('app://companion/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Companion</title>');

    const worker = await get('app://companion/assets/directory.worker-9f.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 outside the renderer, for folders and for missing files, and logs the refusal', async () => {
    for (const url of [
      'app://companion/%2e%2e/preload/preload.cjs',
      'app://companion/%2e%2e/%2e%2e/secrets.json',
      'app://companion/assets',
      'app://companion/missing.js',
      'app://evil/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('require');
    }
    expect(lines.some((l) => l.includes('app protocol refused'))).toBe(true);
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get('app://companion/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://companion/index.html', 'POST')).status).toBe(405);
  });

  it('is installed under the app scheme, registered as a standard secure origin', () => {
    const protocol = { handle: vi.fn() };
    installAppProtocol(protocol, { rendererDir, contentSecurityPolicy: CSP, logger });
    expect(protocol.handle).toHaveBeenCalledWith(APP_SCHEME, expect.any(Function));
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
    });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
  });
});
