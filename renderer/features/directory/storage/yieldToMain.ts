/**
 * Lets the UI thread handle input and rendering between slices of a long job (the overlay of a
 * 10 000-row delta, a million-key index). scheduler.yield where Chromium has it, else a macrotask.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Diagnostics for the benchmark: a performance measure per step of the UI thread's directory work,
 * only when the page asked for it (`__directoryTrace`), so a long session does not pile up entries.
 */
export function traceStart(name: string): () => void {
  if (!(globalThis as { __directoryTrace?: boolean }).__directoryTrace) return () => undefined;
  const start = performance.now();
  return () => {
    try {
      performance.measure(name, { start, end: performance.now() });
    } catch {
      // diagnostics only
    }
  };
}
