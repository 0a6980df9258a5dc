/**
 * Errors whose message was written for the agent: one Spanish sentence, safe to show as it is.
 * Anything else (a library's English, a stack, JSON) is never shown: the caller shows its own
 * Spanish sentence and logs the error for the operator.
 */
export class UserFacingError extends Error {
  readonly userFacing = true as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** True for errors made to be read by the agent (any class that sets `userFacing: true`). */
export function isUserFacing(error: unknown): error is Error & { userFacing: true } {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { userFacing?: unknown }).userFacing === true &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** The sentence to show for `error`: its own when it was written for the agent, else `fallback`. */
export function userMessage(error: unknown, fallback: string): string {
  return isUserFacing(error) ? error.message : fallback;
}

/** Storage full (IndexedDB quota): the one local failure the agent can do something about. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
