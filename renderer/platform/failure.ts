import { isUserFacing, userMessage } from '../../shared/errors/userFacing';
import type { Platform } from './types';

/** Where a failure's raw details go: the platform's log (the operator's, never the screen). */
export type FailureLog = Platform['log'];

/**
 * The Spanish sentence to show the agent for a failure: the error's own when it was written for
 * the agent, else `fallback`. Anything else (a library's English, a zod issue list) goes to the
 * operator's log, never to the screen.
 */
export function explainFailure(log: FailureLog, what: string, error: unknown, fallback: string): string {
  if (!isUserFacing(error)) {
    const cause = (error as { cause?: unknown } | null)?.cause;
    log('error', what, {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      ...(cause !== undefined ? { cause: cause instanceof Error ? cause.message : String(cause) } : {}),
    });
  } else if ((error as { cause?: unknown }).cause !== undefined) {
    // A sentence for the agent that wraps a technical cause: the cause is for the log.
    const cause = (error as { cause?: unknown }).cause;
    log('warn', what, { cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) });
  }
  return userMessage(error, fallback);
}
