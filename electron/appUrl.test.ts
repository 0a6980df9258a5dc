import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy, pageUrl, resolveAppPaths, resolveRendererEntry } from './appUrl';

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
  it('serves the built files through app:// when no dev server is set', () => {
    const entry = resolveRendererEntry(paths, undefined, false);
    expect(entry).toEqual({ kind: 'app', rendererDir: paths.rendererDir });
    expect(pageUrl(entry, 'index.html')).toBe('app://companion/index.html');
    expect(pageUrl(entry, 'pop.html')).toBe('app://companion/pop.html');
  });

  it('uses the electron-vite dev server in an unpackaged app', () => {
    const entry = resolveRendererEntry(paths, 'http://localhost:5173', false);
    expect(entry).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(pageUrl(entry, 'pop.html')).toBe('http://localhost:5173/pop.html');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(resolveRendererEntry(paths, 'http://localhost:5173', true).kind).toBe('app');
  });

  it('refuses a dev server that is not on loopback', () => {
    expect(() => resolveRendererEntry(paths, 'https://evil.example', false)).toThrow(/loopback/);
    expect(() => resolveRendererEntry(paths, 'not a url', false)).toThrow(/not a URL/);
  });
});

describe('createAppUrlPolicy', () => {
  const isAppUrl = createAppUrlPolicy(resolveRendererEntry(paths, undefined, true));

  it('accepts app://companion pages, with hash routes', () => {
    expect(isAppUrl('app://companion/index.html')).toBe(true);
    expect(isAppUrl('app://companion/index.html#/llamada')).toBe(true);
    expect(isAppUrl('app://companion/pop.html')).toBe(true);
  });

  it('rejects files, other hosts, other schemes and credentials in the URL', () => {
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl(`file://${paths.rendererIndex}`)).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://x:y@companion/index.html')).toBe(false);
    expect(isAppUrl('https://evil.example/index.html')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });

  it('in dev accepts only the dev server origin', () => {
    const isDevUrl = createAppUrlPolicy(resolveRendererEntry(paths, 'http://localhost:5173', false));
    expect(isDevUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isDevUrl('http://localhost:5174/')).toBe(false);
    expect(isDevUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isDevUrl('app://companion/index.html')).toBe(false);
  });
});
