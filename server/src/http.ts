import type { BusinessCalendar } from '../../shared/calendar';
import type { ServerConfig } from './config';
import type { Db } from './db/types';
import type { AuthCache } from './auth/plugin';
import type { RouteCache } from './routing/table';

/** What every route plugin receives. */
export interface RouteDeps {
  db: Db;
  config: ServerConfig;
  /** Wakes the mail worker after a commit that queued mail (no-op when it runs elsewhere). */
  kickMail: () => void;
  now: () => Date;
  /** Chilean business days in the configured zone: due dates, "today". */
  calendar: BusinessCalendar;
  /** Routing table, cached briefly per process. */
  routes: RouteCache;
  /** Tokens this process has checked recently. */
  authCache: AuthCache;
  /** Where the board reads (a read replica when configured; else `db`). */
  boardDb?: Db;
}

const CLIENT_ERROR = Symbol('companion.clientError');

/** An error whose Spanish message is meant for the client, with its HTTP status. */
export function clientError(statusCode: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode, [CLIENT_ERROR]: true });
}

export function isClientError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && CLIENT_ERROR in error;
}
