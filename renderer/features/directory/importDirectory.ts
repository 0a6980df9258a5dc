import { directoryClient } from './directoryService';
import type { ImportResult } from './engine/importFile';

export type { ImportResult } from './engine/importFile';

/**
 * Imports a directory CSV into the local copy: parsed and written by the directory worker
 * (streamed, upsert by código, rows compared so unchanged ones are counted, not rewritten).
 */
export function importDirectoryFile(
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<ImportResult> {
  return directoryClient.importFile(file, (progress) => {
    if (progress.phase === 'import') onProgress(progress.done / 1000);
  });
}
