import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirError, checkDataDir, secureDataDir } from './dataDir';
import { lockDataDir, processIdentity } from './lock';

const made: string[] = [];
const children: ChildProcess[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-datadir-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not a Companion server (as a reused PID would be). */
function unrelatedProcess(command = 'sleep', args = ['60']): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  return child;
}

describe('the embedded database folder', () => {
  it('starts on an absent or empty folder', () => {
    const dir = folder();
    expect(checkDataDir(path.join(dir, 'nuevo'))).toBe(path.join(dir, 'nuevo', 'pglite'));
    mkdirSync(path.join(dir, 'pglite'));
    expect(checkDataDir(dir)).toBe(path.join(dir, 'pglite'));
  });

  it('refuses a folder with files that is not a whole cluster, and says what to do', () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'pglite', 'base'), { recursive: true });
    mkdirSync(path.join(dir, 'pglite', 'global'));
    writeFileSync(path.join(dir, 'pglite', 'base', '16384'), 'datos');
    expect(() => checkDataDir(dir)).toThrow(DataDirError);
    expect(() => checkDataDir(dir)).toThrow(/no es una base válida \(falta PG_VERSION\).*Restaure.*respaldo/);
    writeFileSync(path.join(dir, 'pglite', 'PG_VERSION'), 'basura');
    expect(() => checkDataDir(dir)).toThrow(/PG_VERSION ilegible/);
    writeFileSync(path.join(dir, 'pglite', 'PG_VERSION'), '17\n');
    expect(checkDataDir(dir)).toBe(path.join(dir, 'pglite'));
  });

  it('refuses DATA_DIR pointing at the cluster itself instead of the folder holding it', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    expect(() => checkDataDir(dir)).toThrow(new RegExp(`use DATA_DIR=${path.dirname(dir)}`));
  });

  it('makes the folder 0700 and takes group and other access off the files inside', () => {
    const dir = path.join(folder(), 'datos');
    secureDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    mkdirSync(path.join(dir, 'pglite', 'base'), { recursive: true, mode: 0o777 });
    writeFileSync(path.join(dir, 'pglite', 'base', '1'), 'x', { mode: 0o666 });
    writeFileSync(path.join(dir, 'pglite', 'PG_VERSION'), '17', { mode: 0o666 });
    expect(secureDataDir(dir).tightened).toBeGreaterThanOrEqual(3);
    const modes = [dir, path.join(dir, 'pglite'), path.join(dir, 'pglite', 'base')].map(
      (p) => statSync(p).mode & 0o777,
    );
    expect(modes).toEqual([0o700, 0o700, 0o700]);
    for (const file of ['PG_VERSION', path.join('base', '1')])
      expect(statSync(path.join(dir, 'pglite', file)).mode & 0o077, file).toBe(0);
    expect(readdirSync(dir)).toEqual(['pglite']);
  });
});

// Skipped off Linux: the stale-lock check reads /proc (PID start time, boot id), which only Linux has.
describe.skipIf(process.platform !== 'linux')(
  'the data folder lock (Linux: PID, start time, boot id)',
  () => {
    it('takes over a lock whose PID now belongs to an unrelated live process', async () => {
      const dir = folder();
      const lock = path.join(dir, 'pglite.lock');
      const other = unrelatedProcess();
      await new Promise((resolve) => other.once('spawn', resolve));
      const identity = processIdentity(other.pid!)!;
      // Same PID, alive, but started at another time than the holder recorded: a reused PID.
      writeFileSync(lock, JSON.stringify({ pid: other.pid, start: '1', bootId: identity.bootId }));
      const unlock = lockDataDir(lock);
      unlock();
      // An old-format lock (a bare PID) held by something that is not Node: taken over too.
      writeFileSync(lock, String(other.pid));
      lockDataDir(lock)();
    });

    it('refuses while the recorded process really holds it', async () => {
      const dir = folder();
      const lock = path.join(dir, 'pglite.lock');
      const holder = unrelatedProcess(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
      await new Promise((resolve) => holder.once('spawn', resolve));
      writeFileSync(lock, JSON.stringify({ pid: holder.pid, ...processIdentity(holder.pid!) }));
      expect(() => lockDataDir(lock)).toThrow(/en uso por el proceso/);
      writeFileSync(lock, String(holder.pid));
      expect(() => lockDataDir(lock)).toThrow(/en uso por el proceso/);
    });
  },
);
