/** The one small interface both PostgreSQL drivers sit behind: same SQL, same results. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** One parameterised statement ($1, $2…). bigint columns come back as JS numbers. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Called with each NOTIFY payload of a channel; `null` after a reconnection (some may be lost). */
export type NotifyHandler = (payload: string | null) => void;

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** LISTEN on `channel` (committed NOTIFYs only); resolves to the function that stops listening. */
  listen(channel: string, onNotify: NotifyHandler): Promise<() => Promise<void>>;
  /** Runs `fn` in BEGIN … COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
