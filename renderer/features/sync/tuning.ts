import { DEFAULT_ISOLATION } from './isolation';

/**
 * Sender timings. Production defaults; a build may override them with COMPANION_SYNC_* variables
 * (vite envPrefix; the fault-injection tests use short ones so a run takes seconds, not hours).
 */
export interface SyncTuning {
  /** A request slower than this is aborted and counts as a failure. */
  timeoutMs: number;
  /** Full-jitter backoff: the n-th failure waits random(0, min(max, base·2ⁿ)). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Health probe period (navigator.onLine alone is not trusted). */
  probeIntervalMs: number;
  /** At most this many forms per request, and about this many JSON characters. */
  batchSize: number;
  batchChars: number;
  /** A head batch failing with 500s this long (and 3 times) is split to find the item at fault. */
  isolateAfterMs: number;
}

export type Env = Record<string, string | boolean | undefined>;

function num(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function readTuning(env: Env): SyncTuning {
  return {
    timeoutMs: num(env, 'COMPANION_SYNC_TIMEOUT_MS', 20_000),
    backoffBaseMs: num(env, 'COMPANION_SYNC_BACKOFF_BASE_MS', 1_000),
    backoffMaxMs: num(env, 'COMPANION_SYNC_BACKOFF_MAX_MS', 5 * 60_000),
    // «Conectado» is never older than this (and the last request): /healthz is a few bytes.
    probeIntervalMs: num(env, 'COMPANION_SYNC_PROBE_MS', 5_000),
    batchSize: num(env, 'COMPANION_SYNC_BATCH', 500),
    // The server's default body limit is 1 MiB; stay well under it even with accented text.
    batchChars: num(env, 'COMPANION_SYNC_BATCH_CHARS', 400_000),
    isolateAfterMs: num(env, 'COMPANION_SYNC_ISOLATE_AFTER_MS', DEFAULT_ISOLATION.minStuckMs),
  };
}
