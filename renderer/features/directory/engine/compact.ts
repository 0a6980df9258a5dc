import type { CompanionDb } from '../../../db/db';
import { LAYOUT_VERSION } from '../storage/layout';
import { DirectoryWriter } from '../storage/writer';
import type { ProgressSink } from './progress';

export interface CompactResult {
  count: number;
  ms: number;
  /** false when there was nothing to do (ifOutdated on a current layout, or an empty copy). */
  compacted: boolean;
}

/**
 * Folds the changes since the last build into a new generation now (normally done by itself
 * after a sync or an import once the overlay passes its threshold). The caller holds the lock.
 */
export async function compactDirectory(
  db: CompanionDb,
  onProgress: ProgressSink,
  options: { ifOutdated?: boolean } = {},
): Promise<CompactResult> {
  const started = performance.now();
  const writer = await DirectoryWriter.open(db);
  const outdated = (writer.meta.layout ?? 1) < LAYOUT_VERSION;
  const compacted = writer.meta.gen !== 0 && (outdated || !options.ifOutdated);
  if (compacted) await writer.compact((done, total) => onProgress({ phase: 'compact', done, total }));
  return { count: writer.meta.count, ms: performance.now() - started, compacted };
}
