/**
 * One sender across windows and tabs: the window holding this Web Lock is the leader until it
 * closes or reloads (the browser then releases the lock and the next waiting window gets it).
 * The lock is never stolen, so two windows are never leader at once. Without Web Locks (an old
 * engine), this window leads on its own.
 */
export const SENDER_LOCK = 'companion-outbox-sender';

export function electLeader(onLeader: () => void, name = SENDER_LOCK): () => void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) {
    onLeader();
    return () => undefined;
  }
  const abort = new AbortController();
  let release: (() => void) | null = null;
  locks
    .request(name, { signal: abort.signal }, () => {
      onLeader();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    .catch(() => undefined); // aborted before we got it
  return () => {
    abort.abort();
    release?.();
  };
}
