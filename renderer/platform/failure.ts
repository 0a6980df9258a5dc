import { isUserFacing, userMessage } from '../../shared/errors/userFacing';
import { platform } from './index';

/**
 * The Spanish sentence to show the agent for a failure: the error's own when it was written for
 * the agent, else `fallback`. Anything else (a library's English, a zod issue list) goes to the
 * operator's log, never to the screen.
 */
export function explainFailure(what: string, error: unknown, fallback: string): string {
  if (!isUserFacing(error)) {
    platform.log('error', what, {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
  return userMessage(error, fallback);
}
