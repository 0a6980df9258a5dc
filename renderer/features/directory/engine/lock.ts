/** Web Lock name held by whoever writes the directory copy (any window, tab or worker of this profile). */
const DIRECTORY_LOCK = 'companion-directory-writer';

/**
 * Runs `fn` as the only directory writer across windows. `ifAvailable`: give up (returns null)
 * instead of waiting when another window is already writing, as a periodic sync should.
 */
export type WriteLock = <T>(fn: () => Promise<T>, options?: { ifAvailable?: boolean }) => Promise<T | null>;

/**
 * The directory's write lock for one JavaScript context (a worker, or the UI thread when no worker
 * starts): the Web Lock where there is one; without the Web Locks API (unit tests in Node) a queue
 * of this context's own writes.
 */
export function createWriteLock(): WriteLock {
  let localTail: Promise<unknown> = Promise.resolve();
  return async (fn, options = {}) => {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks) {
      return locks.request(DIRECTORY_LOCK, { ifAvailable: options.ifAvailable ?? false }, async (lock) =>
        lock ? fn() : null,
      );
    }
    const run = localTail.then(fn, fn);
    localTail = run.catch(() => undefined);
    return run;
  };
}
