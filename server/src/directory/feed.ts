import {
  encodeFeedLine,
  encodeUpsertLine,
  type CustomerJson,
  type FeedHeader,
} from '../../../shared/api/directory';
import type { Queryable } from '../db/types';

export type FeedWindow = Omit<FeedHeader, 'type'>;

/**
 * The window a client downloads: versions in (since, cursor], fixed when the request starts.
 * Rows changed while it streams get versions above `cursor` and come in the next delta.
 */
export async function openWindow(db: Queryable, since: number): Promise<FeedWindow> {
  const { rows } = await db.query<{ cursor: number }>(
    'SELECT coalesce(max(version), 0)::bigint AS cursor FROM customers',
  );
  const cursor = rows[0]!.cursor;
  const snapshot = since === 0;
  const counted = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM customers WHERE version > $1 AND version <= $2 ${snapshot ? 'AND NOT deleted' : ''}`,
    [since, cursor],
  );
  return { since, cursor, count: counted.rows[0]!.count, snapshot };
}

/**
 * The feed's lines (shared/api/directory.ts), a page of customers per chunk. Pages by version
 * (keyset), so memory stays at one page whatever the directory size.
 */
export async function* feedLines(db: Queryable, window: FeedWindow, pageSize = 5000): AsyncGenerator<string> {
  yield encodeFeedLine({ type: 'header', ...window });
  let after = window.since;
  let sent = 0;
  for (;;) {
    const { rows } = await db.query<{
      codigo: string;
      version: number;
      deleted: boolean;
      data: CustomerJson;
    }>(
      `SELECT codigo, version, deleted, data::text AS data FROM customers
        WHERE version > $1 AND version <= $2 ${window.snapshot ? 'AND NOT deleted' : ''}
        ORDER BY version LIMIT $3`,
      [after, window.cursor, pageSize],
    );
    if (rows.length === 0) break;
    // The stored JSON is spliced in as text: no parse and re-serialise per customer.
    let chunk = '';
    for (const row of rows) {
      chunk += row.deleted
        ? encodeFeedLine({ type: 'delete', version: row.version, codigo: row.codigo })
        : encodeUpsertLine(row.version, row.data);
    }
    sent += rows.length;
    after = rows[rows.length - 1]!.version;
    yield chunk;
    if (rows.length < pageSize) break;
  }
  yield encodeFeedLine({ type: 'end', cursor: window.cursor, count: sent });
}
