/**
 * Which Node the toolchain needs, from the lock file itself (not from memory):
 * - `npm ci`, web mode, the server and the tests need package.json's `engines.node` (Node 20.19+);
 * - the Electron desktop tooling (the Electron binary's installer, electron-builder's native
 *   rebuild) needs what `electron`'s own package declares (Node 22.12+ for Electron 45).
 * `npm ci` on Node 20 therefore warns EBADENGINE for exactly DESKTOP_ONLY (and `cookie`, see below);
 * scripts/engines.test.ts keeps that list honest and `node scripts/check-node.mjs --desktop` stops a
 * desktop task early on an older Node with a clear message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

export const ROOT = join(import.meta.dirname, '..');

/** Packages that declare a newer Node than the floor and are reached only by desktop tasks. */
export const DESKTOP_ONLY = [
  'electron',
  '@electron/get',
  '@electron/rebuild',
  '@electron-internal/extract-zip',
  'node-abi',
] as const;

/**
 * cookie 2 declares Node 22 but is only loaded by fastify's `inject` (light-my-request), which
 * the server tests use on Node 20 and which passes there: declared, not needed.
 */
export const DECLARED_ONLY = ['cookie'] as const;

interface LockEntry {
  engines?: { node?: string };
  dev?: boolean;
}

export function packageJson(): { engines: { node: string } } {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
}

/** Locked packages whose `engines.node` excludes `version`, with their range. */
export function packagesRefusing(version: string): Array<{ name: string; range: string; dev: boolean }> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const out: Array<{ name: string; range: string; dev: boolean }> = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = entry.engines?.node;
    if (!path || !range || semver.satisfies(version, range)) continue;
    out.push({ name: path.replace(/^.*node_modules\//, ''), range, dev: entry.dev === true });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The lowest Node version the desktop tooling accepts (from electron's own `engines`). */
export function desktopNodeFloor(): string {
  const electron = JSON.parse(
    readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
  ) as LockEntry;
  const min = semver.minVersion(electron.engines?.node ?? '*');
  return min ? min.version : '0.0.0';
}

/**
 * The lowest Node on which every locked package's `engines` holds (desktop tasks included): some
 * tools accept 20.19+ but in the 22 line only 22.13+, so this can be above the desktop floor.
 */
export function wholeToolchainNode(from = desktopNodeFloor()): string | null {
  const candidates: string[] = [];
  for (let major = semver.major(from); major <= 30; major++)
    for (let minor = 0; minor <= 40; minor++) candidates.push(`${major}.${minor}.0`);
  return candidates.find((v) => semver.gte(v, from) && packagesRefusing(v).length === 0) ?? null;
}
