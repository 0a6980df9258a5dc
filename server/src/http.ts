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
  /** Routing table, cached briefly per process. */
  routes: RouteCache;
  /** Tokens this process has checked recently. */
  authCache: AuthCache;
  /** Where the board reads (a read replica when configured; else `db`). */
  boardDb?: Db;
}
