import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { StartupRefusal } from '../refusal';

/** The data folder is unusable as it is; the message says what to do. */
export class DataDirError extends StartupRefusal {}

const CLUSTER_MARKERS = ['PG_VERSION', 'global', 'base'];

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Checks the embedded database folder before PGlite sees it. PGlite initialises a new cluster in
 * any folder without PG_VERSION, so a damaged or mis-pointed folder would come up empty, demo
 * accounts and all, with `/healthz` saying ok. Refused instead:
 * - `DATA_DIR` that is itself a cluster (PG_VERSION at its top: it points one level too deep);
 * - `<DATA_DIR>/pglite` that holds files but is not a whole cluster (PG_VERSION, global/, base/).
 * An absent or empty `pglite` folder is a first start. Returns the cluster folder.
 */
export function checkDataDir(dataDir: string): string {
  const cluster = path.join(dataDir, 'pglite');
  if (existsSync(dataDir) && !lstatSync(dataDir).isDirectory())
    throw new DataDirError(
      `DATA_DIR=${dataDir} no es una carpeta: indique una carpeta para la base embebida.`,
    );
  const top = entries(dataDir);
  if (top.includes('PG_VERSION')) {
    throw new DataDirError(
      `DATA_DIR=${dataDir} es la base misma, no la carpeta que la contiene: use DATA_DIR=${path.dirname(dataDir)} ` +
        `(la base vive en <DATA_DIR>/pglite). No se inicia para no crear una base vacía al lado de sus datos.`,
    );
  }
  const inside = entries(cluster);
  if (inside.length === 0) return cluster;
  const missing = CLUSTER_MARKERS.filter((name) => !inside.includes(name));
  const version = inside.includes('PG_VERSION')
    ? readFileSync(path.join(cluster, 'PG_VERSION'), 'utf8').trim()
    : '';
  if (missing.length > 0 || !/^\d+$/.test(version)) {
    const what = missing.length > 0 ? `falta ${missing.join(', ')}` : 'PG_VERSION ilegible';
    throw new DataDirError(
      `La carpeta de la base embebida ${cluster} tiene archivos pero no es una base válida (${what}). ` +
        'No se inicia para no crear una base vacía encima de sus datos. Restaure la carpeta desde su respaldo; ' +
        'para empezar de cero, muévala a otro lugar (no la borre sin respaldo) y arranque de nuevo.',
    );
  }
  return cluster;
}

/**
 * `DATA_DIR` readable by this account only (0700): PGlite writes its files world-writable (0666)
 * whatever the umask, so the folder is what keeps other local accounts out. Existing files lose
 * their group and other bits too.
 */
export function secureDataDir(dataDir: string): { tightened: number } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let tightened = 0;
  const tighten = (target: string, isDir: boolean) => {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink() || (typeof process.getuid === 'function' && stat.uid !== process.getuid()))
      return;
    const wanted = isDir ? 0o700 : stat.mode & 0o700;
    if ((stat.mode & 0o777) !== wanted) {
      chmodSync(target, wanted);
      tightened += 1;
    }
  };
  tighten(dataDir, true);
  const walk = (dir: string) => {
    for (const name of entries(dir)) {
      const target = path.join(dir, name);
      const stat = lstatSync(target);
      if (stat.isDirectory()) {
        tighten(target, true);
        walk(target);
      } else if (stat.isFile()) tighten(target, false);
    }
  };
  walk(dataDir);
  return { tightened };
}
