import type { CompanionDb } from '../../../db/db';
import { DirectoryWriter } from '../storage/writer';
import type { ProgressSink } from './progress';

export interface CompactResult {
  count: number;
  ms: number;
}

/**
 * Folds the changes since the last build into a new generation now (normally done by itself
 * after a sync or an import once the overlay passes its threshold). The caller holds the lock.
 */
export async function compactDirectory(db: CompanionDb, onProgress: ProgressSink): Promise<CompactResult> {
  const started = performance.now();
  const writer = await DirectoryWriter.open(db);
  if (writer.meta.gen !== 0)
    await writer.compact((done, total) => onProgress({ phase: 'compact', done, total }));
  return { count: writer.meta.count, ms: performance.now() - started };
}
