import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { DataDirError } from './dataDir';

/** What the lock file says about its holder. `start` and `bootId` tell a reused PID apart. */
interface LockOwner {
  pid: number;
  hostname?: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  start?: string;
  bootId?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Linux only: the boot and the start time of `pid`, which no later process with that PID shares. */
export function processIdentity(pid: number): { start: string; bootId: string } | null {
  const stat = readProc(`/proc/${pid}/stat`);
  const bootId = readProc('/proc/sys/kernel/random/boot_id');
  if (!stat || !bootId) return null;
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[19];
  return start ? { start, bootId: bootId.trim() } : null;
}

function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) }; // written by an older version
  try {
    const owner = JSON.parse(trimmed) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null;
  }
}

/** No heartbeat for this long means the holder is gone, where the OS cannot tell us (not Linux). */
export const STALE_AFTER_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;

/**
 * Whether the process named in the lock still holds it. A PID alone is not enough: after a crash
 * and a reboot (or in a container) the same PID often belongs to an unrelated live process, and
 * trusting it blocked start-up forever. On Linux the process's start time and the boot id settle
 * it; elsewhere a lock whose heartbeat stopped long ago is stale.
 */
function held(owner: LockOwner, lockPath: string): boolean {
  if (owner.pid === process.pid) return false;
  if (owner.hostname && owner.hostname !== hostname()) return true; // another machine: cannot check
  if (!alive(owner.pid)) return false;
  const now = processIdentity(owner.pid);
  if (now) {
    if (owner.start && owner.bootId) return owner.start === now.start && owner.bootId === now.bootId;
    // Old-format lock (a bare PID): only a Node process can be a Companion server.
    return /node|tsx/.test(readProc(`/proc/${owner.pid}/cmdline`) ?? '');
  }
  try {
    return Date.now() - statSync(lockPath).mtimeMs < STALE_AFTER_MS;
  } catch {
    return false;
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file says who has it (PID, start time, boot); a stale one is taken over.
 */
export function lockDataDir(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      const me: LockOwner = { pid: process.pid, hostname: hostname(), ...processIdentity(process.pid) };
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      const heartbeat = setInterval(() => {
        try {
          const now = new Date();
          utimesSync(lockPath, now, now);
        } catch {
          // the folder went away: nothing to keep fresh
        }
      }, HEARTBEAT_MS);
      heartbeat.unref();
      return () => {
        clearInterval(heartbeat);
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = parseOwner(readFileSync(lockPath, 'utf8'));
      if (owner && held(owner, lockPath)) {
        throw new DataDirError(
          `La base embebida (${lockPath}) está en uso por el proceso ${owner.pid}. Detenga el servidor o use la API de administración.`,
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new Error(`No se pudo tomar ${lockPath}`);
}
