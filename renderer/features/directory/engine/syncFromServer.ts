import type { CompanionDb } from '../../../db/db';
import type { GenerationBuilder } from '../storage/builder';
import { DirectoryWriter, type ChangeCounts } from '../storage/writer';
import { readFeed, SyncError, type FeedBatch } from '../sync/feed';
import type { ProgressSink } from './progress';
import { snapshotVerdict } from './snapshotGuard';

export interface SyncTarget {
  baseUrl: string;
  token: string;
  /** The agent chose to replace the local copy by the back office's, after it was held. */
  replace?: boolean;
}

export interface SyncResult {
  kind: 'snapshot' | 'delta';
  /** Feed lines applied (customers in a snapshot; changes in a delta). */
  received: number;
  counts: ChangeCounts;
  cursor: number;
  count: number;
  ms: number;
  /** Where the time went (ms since the start): first byte, end of the stream, index written. */
  timings: Record<string, number>;
  compacted: boolean;
}

/** A 10 000-row delta is one transaction; larger ones advance the cursor every this many rows. */
const DELTA_BATCH = 10_000;
const SNAPSHOT_BATCH = 2_000;

/**
 * One sync with the back office: the full snapshot the first time (or when the server asks for
 * it), else the changes since the stored cursor. The caller holds the directory write lock.
 */
export async function syncFromServer(
  db: CompanionDb,
  target: SyncTarget,
  onProgress: ProgressSink,
  options: { now?: () => Date; fetchImpl?: typeof fetch; signal?: AbortSignal } = {},
): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const writer = await DirectoryWriter.open(db);
  const sameServer = writer.meta.serverKey === target.baseUrl;
  if (writer.meta.gen !== 0 && writer.meta.cursor !== null && sameServer) {
    try {
      return await applyDelta(writer, target, onProgress, now, options);
    } catch (error) {
      if (!(error instanceof SyncError && error.code === 'cursor')) throw error;
      // The server does not know our cursor (restored from a backup, another server): start over.
    }
  }
  return applySnapshot(writer, target, onProgress, now, options);
}

async function applySnapshot(
  writer: DirectoryWriter,
  target: SyncTarget,
  onProgress: ProgressSink,
  now: () => Date,
  options: { fetchImpl?: typeof fetch; signal?: AbortSignal },
): Promise<SyncResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const current = writer.meta;
  const guard = (incoming: number) => {
    const verdict = snapshotVerdict(current, incoming, target.replace === true);
    if (!verdict.apply) throw new SyncError('held', verdict.message);
  };
  await writer.collectGarbage();
  const builder: GenerationBuilder = await writer.beginBuild();
  let total: number | null = null;
  try {
    const end = await readFeed({
      baseUrl: target.baseUrl,
      token: target.token,
      since: 0,
      batchSize: SNAPSHOT_BATCH,
      signal: options.signal,
      fetchImpl: options.fetchImpl,
      onHeader: (header) => {
        timings.header = performance.now() - started;
        // Decided before a byte of the directory is written: nothing is downloaded for nothing.
        guard(header.count);
        total = header.count;
        onProgress({ phase: 'snapshot', done: 0, total });
      },
      onBatch: async (batch: FeedBatch, received) => {
        for (const customer of batch.upserts) builder.add(customer);
        await builder.flush();
        onProgress({ phase: 'snapshot', done: received, total });
      },
    });
    timings.streamEnd = performance.now() - started;
    onProgress({ phase: 'index', done: 0, total: null });
    const built = await builder.finish();
    // Again on what really arrived (a header may promise more than the stream holds).
    guard(built.count);
    timings.indexWritten = performance.now() - started;
    const at = now().toISOString();
    await writer.commitBuild(built, {
      cursor: end.cursor,
      serverKey: target.baseUrl,
      syncedAt: at,
      updatedAt: at,
      source: 'server',
      fileImportedAt: null,
    });
    return {
      kind: 'snapshot',
      received: built.count,
      counts: { added: built.count, updated: 0, unchanged: 0, deleted: 0 },
      cursor: end.cursor,
      count: built.count,
      ms: performance.now() - started,
      timings,
      compacted: false,
    };
  } catch (error) {
    // The half-written generation was never active: drop it now rather than at the next start.
    await writer.collectGarbage().catch(() => undefined);
    throw error;
  }
}

async function applyDelta(
  writer: DirectoryWriter,
  target: SyncTarget,
  onProgress: ProgressSink,
  now: () => Date,
  options: { fetchImpl?: typeof fetch; signal?: AbortSignal },
): Promise<SyncResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const counts: ChangeCounts = { added: 0, updated: 0, unchanged: 0, deleted: 0 };
  let total: number | null = null;
  let pending: FeedBatch | null = null;
  const apply = async (batch: FeedBatch, patch: Parameters<DirectoryWriter['applyChanges']>[2]) => {
    const result = await writer.applyChanges(batch.upserts, batch.deletes, patch);
    counts.added += result.added;
    counts.updated += result.updated;
    counts.deleted += result.deleted;
  };
  const end = await readFeed({
    baseUrl: target.baseUrl,
    token: target.token,
    since: writer.meta.cursor ?? 0,
    batchSize: DELTA_BATCH,
    signal: options.signal,
    fetchImpl: options.fetchImpl,
    onHeader: (header) => {
      timings.header = performance.now() - started;
      total = header.count;
      onProgress({ phase: 'delta', done: 0, total });
    },
    onBatch: async (batch, received) => {
      // Hold one batch back so the last one commits together with the final cursor and time.
      if (pending) await apply(pending, { cursor: pending.lastVersion, updatedAt: now().toISOString() });
      pending = batch;
      onProgress({ phase: 'delta', done: received, total });
    },
  });
  timings.streamEnd = performance.now() - started;
  const at = now().toISOString();
  const finalPatch = { cursor: end.cursor, syncedAt: at, source: 'server' as const };
  const last = pending as FeedBatch | null;
  if (last && (last.upserts.length > 0 || last.deletes.length > 0))
    await apply(last, { ...finalPatch, updatedAt: at });
  else await writer.patchMeta(finalPatch);

  timings.applied = performance.now() - started;
  for (const [name, ms] of Object.entries(writer.spent)) timings[`writer.${name}`] = ms;
  let compacted = false;
  if (writer.needsCompaction()) {
    await writer.compact((done, pages) => onProgress({ phase: 'compact', done, total: pages }));
    compacted = true;
  }
  return {
    kind: 'delta',
    received: end.count,
    counts,
    cursor: end.cursor,
    count: writer.meta.count,
    ms: performance.now() - started,
    timings,
    compacted,
  };
}
