import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy, resolveAppPaths, resolveRendererEntry } from './appUrl';

const mainDir = path.resolve('/opt/Companion/resources/app.asar/out/main');
const paths = resolveAppPaths(mainDir);

describe('resolveAppPaths', () => {
  it('finds preload and renderer next to the main bundle', () => {
    expect(paths.preload).toBe(path.resolve('/opt/Companion/resources/app.asar/out/preload/preload.cjs'));
    expect(paths.rendererIndex).toBe(
      path.resolve('/opt/Companion/resources/app.asar/out/renderer/index.html'),
    );
  });
});

describe('resolveRendererEntry', () => {
  it('loads the built files when no dev server is set', () => {
    expect(resolveRendererEntry(paths, undefined, false)).toEqual({
      kind: 'file',
      indexPath: paths.rendererIndex,
      rendererDir: paths.rendererDir,
    });
  });

  it('uses the electron-vite dev server in an unpackaged app', () => {
    expect(resolveRendererEntry(paths, 'http://localhost:5173', false)).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(resolveRendererEntry(paths, 'http://localhost:5173', true).kind).toBe('file');
  });

  it('refuses a dev server that is not on loopback', () => {
    expect(() => resolveRendererEntry(paths, 'https://evil.example', false)).toThrow(/loopback/);
    expect(() => resolveRendererEntry(paths, 'not a url', false)).toThrow(/not a URL/);
  });
});

describe('createAppUrlPolicy', () => {
  const isAppUrl = createAppUrlPolicy(resolveRendererEntry(paths, undefined, true));
  const fileUrl = (p: string) => pathToFileURL(p).href;

  it('accepts files under out/renderer, with hash routes', () => {
    expect(isAppUrl(fileUrl(paths.rendererIndex))).toBe(true);
    expect(isAppUrl(`${fileUrl(paths.rendererIndex)}#/llamada`)).toBe(true);
  });

  it('rejects other files, traversal, network shares and other schemes', () => {
    expect(isAppUrl(fileUrl(path.resolve('/etc/passwd')))).toBe(false);
    expect(isAppUrl(fileUrl(paths.preload))).toBe(false);
    expect(isAppUrl(`${fileUrl(paths.rendererDir)}/../preload/preload.cjs`)).toBe(false);
    expect(isAppUrl(`${fileUrl(paths.rendererDir)}/%2e%2e/main/main.js`)).toBe(false);
    expect(isAppUrl(fileUrl(`${paths.rendererDir}-evil/index.html`))).toBe(false);
    expect(isAppUrl('file://evil-host/share/index.html')).toBe(false);
    expect(isAppUrl('https://evil.example/index.html')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });

  it('in dev accepts only the dev server origin', () => {
    const isDevUrl = createAppUrlPolicy(resolveRendererEntry(paths, 'http://localhost:5173', false));
    expect(isDevUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isDevUrl('http://localhost:5174/')).toBe(false);
    expect(isDevUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isDevUrl(fileUrl(paths.rendererIndex))).toBe(false);
  });
});
