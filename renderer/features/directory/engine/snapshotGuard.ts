import type { DirectoryMeta } from '../storage/layout';

/** Why a snapshot from the back office was not applied: the local copy was kept. */
export type HeldReason = 'empty' | 'small' | 'local-import';

export type SnapshotVerdict = { apply: true } | { apply: false; reason: HeldReason; message: string };

const count = (n: number) => n.toLocaleString('es-CL');

/**
 * A snapshot replaces the whole local copy, so it must never wipe a working directory by surprise:
 * - an empty snapshot, or one under half the current rows, keeps the copy (the back office may
 *   have lost its directory; the agent's searches must keep working) and says why;
 * - customers imported on this workstation from a file are kept until the agent chooses to
 *   replace them;
 * - the shipped sample gives way to any real (non-empty) directory.
 * `replace`: the agent chose "Reemplazar" after reading why it was held.
 */
export function snapshotVerdict(
  current: Pick<DirectoryMeta, 'count' | 'source' | 'fileImportedAt'>,
  incoming: number,
  replace = false,
): SnapshotVerdict {
  if (replace || current.count === 0) return { apply: true };
  if (incoming === 0) {
    return {
      apply: false,
      reason: 'empty',
      message:
        `La central envió un directorio vacío: se conserva el de este equipo (${count(current.count)} clientes) ` +
        'y las búsquedas siguen funcionando. Avise al supervisor.',
    };
  }
  if (current.source === 'sample') return { apply: true };
  if (current.fileImportedAt) {
    return {
      apply: false,
      reason: 'local-import',
      message:
        `Este equipo usa clientes importados de un archivo (${count(current.count)} en total) y la central ` +
        `tiene un directorio de ${count(incoming)}: se conservan los importados hasta que usted elija reemplazarlos.`,
    };
  }
  if (incoming < current.count / 2) {
    return {
      apply: false,
      reason: 'small',
      message:
        `La central envió solo ${count(incoming)} clientes y este equipo tiene ${count(current.count)}: ` +
        'se conserva el directorio de este equipo por si la central tiene un problema. Avise al supervisor.',
    };
  }
  return { apply: true };
}
