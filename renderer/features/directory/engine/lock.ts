/** Web Lock name held by whoever writes the directory copy (any window, tab or worker of this profile). */
export const DIRECTORY_LOCK = 'companion-directory-writer';

let localTail: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` as the only directory writer across windows. `ifAvailable`: give up (returns null)
 * instead of waiting when another window is already writing, as a periodic sync should.
 * Without the Web Locks API (unit tests in Node) it falls back to a queue within this context.
 */
export async function withWriteLock<T>(
  fn: () => Promise<T>,
  options: { ifAvailable?: boolean } = {},
): Promise<T | null> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) {
    return locks.request(DIRECTORY_LOCK, { ifAvailable: options.ifAvailable ?? false }, async (lock) =>
      lock ? fn() : null,
    );
  }
  const run = localTail.then(fn, fn);
  localTail = run.catch(() => undefined);
  return run;
}
