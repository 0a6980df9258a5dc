/** What a long directory operation reports while it runs (several times a second at most). */
export interface DirectoryProgress {
  phase: 'snapshot' | 'delta' | 'import' | 'compact' | 'index';
  /** Records (snapshot, delta, compact pages) or fraction × 1000 (import) done so far. */
  done: number;
  /** Total when known (the feed's header says how many records come). */
  total: number | null;
}

export type ProgressSink = (progress: DirectoryProgress) => void;

/** Drops reports closer than `intervalMs` apart, except the last of a phase. */
export function throttleProgress(
  sink: ProgressSink,
  intervalMs = 100,
  now: () => number = () => Date.now(),
): ProgressSink {
  let last = -Infinity;
  let lastPhase: DirectoryProgress['phase'] | null = null;
  return (progress) => {
    const t = now();
    const complete = progress.total !== null && progress.done >= progress.total;
    if (progress.phase === lastPhase && !complete && t - last < intervalMs) return;
    last = t;
    lastPhase = progress.phase;
    sink(progress);
  };
}
