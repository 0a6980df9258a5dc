import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export type RendererEntry =
  | { kind: 'file'; indexPath: string; rendererDir: string }
  | { kind: 'dev-server'; url: string; origin: string };

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
  return { kind: 'file', indexPath: paths.rendererIndex, rendererDir: paths.rendererDir };
}

/** True when a URL belongs to our renderer: a file under out/renderer, or the dev server origin. */
export function createAppUrlPolicy(entry: RendererEntry): (url: string) => boolean {
  if (entry.kind === 'dev-server') {
    return (raw) => {
      try {
        return new URL(raw).origin === entry.origin;
      } catch {
        return false;
      }
    };
  }
  const root = path.resolve(entry.rendererDir);
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    // A host would mean a network share (file://server/...), never our install dir.
    if (url.protocol !== 'file:' || url.host !== '') return false;
    let filePath: string;
    try {
      filePath = path.resolve(fileURLToPath(url));
    } catch {
      return false;
    }
    const relative = path.relative(root, filePath);
    return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
  };
}
