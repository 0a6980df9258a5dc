import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What ships: the app (renderer, main, shared) and the server, without their tests. */
const PRODUCTION = ['renderer', 'electron', 'shared', 'server/src'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function importedPackages(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of PRODUCTION.flatMap((dir) => sources(path.join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const name = packageOf(match[1]!);
      if (name && !found.has(name)) found.set(name, path.relative(ROOT, file));
    }
  }
  return found;
}

// Unused dependencies are knip's (npm test runs it); this is what knip does not check.
describe('package.json', () => {
  const imported = importedPackages();

  it('production code imports no development-only package (Electron excepted: electron-builder bundles it)', () => {
    const devOnly = [...imported]
      .filter(([name]) => name in pkg.devDependencies && name !== 'electron' && !(name in pkg.dependencies))
      .map(([name, file]) => `${name} (${file})`);
    expect(devOnly).toEqual([]);
    // The test SMTP server is for tests only.
    expect(pkg.devDependencies['smtp-server']).toBeDefined();
    expect(pkg.dependencies['smtp-server']).toBeUndefined();
  });
});
