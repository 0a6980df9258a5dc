import { execFileSync } from 'node:child_process';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  DECLARED_ONLY,
  DESKTOP_ONLY,
  desktopNodeFloor,
  packageJson,
  packagesRefusing,
  ROOT,
  wholeToolchainNode,
} from './engines';

describe('Node versions the toolchain needs', () => {
  const floor = semver.minVersion(packageJson().engines.node)!.version;

  it('package.json declares the Node this machine runs (web, server, tests)', () => {
    expect(semver.satisfies(process.versions.node, packageJson().engines.node)).toBe(true);
  });

  it('on that floor only the desktop tooling (and cookie, declared only) asks for more: the EBADENGINE list', () => {
    const refusing = packagesRefusing(floor).map((p) => p.name);
    expect(refusing).toEqual([...DESKTOP_ONLY, ...DECLARED_ONLY].sort((a, b) => a.localeCompare(b)));
    // The desktop tooling is for development machines only: never shipped with the server.
    for (const p of packagesRefusing(floor)) if (p.name !== 'cookie') expect(p.dev, p.name).toBe(true);
  });

  it('the desktop floor is what electron declares; one Node for every task is 22.13 (README says so)', () => {
    const desktop = desktopNodeFloor();
    expect(desktop).toBe('22.12.0');
    expect(semver.gte(desktop, floor)).toBe(true);
    expect(wholeToolchainNode()).toBe('22.13.0');
  });

  it('check-node.mjs passes here and stops a desktop task on an older Node with the reason', () => {
    execFileSync(process.execPath, ['scripts/check-node.mjs'], { cwd: ROOT });
    let message = '';
    try {
      execFileSync(process.execPath, ['scripts/check-node.mjs', '--desktop'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr?: Buffer }).stderr);
    }
    if (semver.lt(process.versions.node, desktopNodeFloor())) {
      expect(message).toContain(`need Node >=${desktopNodeFloor()}`);
      expect(message).toContain('Web mode, the server and the tests run on Node 20.19+');
    } else expect(message).toBe('');
  });
});
