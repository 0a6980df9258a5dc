import path from 'node:path';
import { APP_HOST, APP_SCHEME, appPageUrl } from './appProtocol';

/** Where the built app lives: main runs from out/main, next to out/preload and out/renderer. */
export interface AppPaths {
  preload: string;
  rendererDir: string;
  rendererIndex: string;
}

export function resolveAppPaths(mainDir: string): AppPaths {
  const outDir = path.resolve(mainDir, '..');
  const rendererDir = path.join(outDir, 'renderer');
  return {
    preload: path.join(outDir, 'preload', 'preload.cjs'),
    rendererDir,
    rendererIndex: path.join(rendererDir, 'index.html'),
  };
}

/** The app's pages: the main window's and the pop window's. */
export type AppPage = 'index.html' | 'pop.html';

export type RendererEntry =
  { kind: 'app'; rendererDir: string } | { kind: 'dev-server'; url: string; origin: string };

/** Where a window loads its page from: app://companion/… or the dev server. */
export function pageUrl(entry: RendererEntry, page: AppPage): string {
  if (entry.kind === 'app') return appPageUrl(page);
  return page === 'index.html' ? entry.url : new URL(page, entry.url).href;
}

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL (set by electron-vite) is honoured only in an unpackaged app and only on
 * loopback: an environment variable must never point a shipped, privileged window at the network.
 */
export function resolveRendererEntry(
  paths: AppPaths,
  devServerUrl: string | undefined,
  isPackaged: boolean,
): RendererEntry {
  if (!isPackaged && devServerUrl) {
    let url: URL;
    try {
      url = new URL(devServerUrl);
    } catch {
      throw new Error(`ELECTRON_RENDERER_URL is not a URL: ${devServerUrl}`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || !LOOPBACK_HOSTNAMES.has(url.hostname)) {
      throw new Error(`ELECTRON_RENDERER_URL must be an http(s) loopback address, got ${devServerUrl}`);
    }
    return { kind: 'dev-server', url: url.href, origin: url.origin };
  }
  return { kind: 'app', rendererDir: paths.rendererDir };
}

/** True when a URL belongs to our renderer: an app://companion page, or the dev server origin. */
export function createAppUrlPolicy(entry: RendererEntry): (url: string) => boolean {
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (entry.kind === 'dev-server') return url.origin === entry.origin;
    // Custom schemes have an opaque origin in WHATWG URL terms: compare scheme and host.
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
  };
}
