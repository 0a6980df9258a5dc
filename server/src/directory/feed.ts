import type { Queryable } from '../db/types';

export interface FeedWindow {
  since: number;
  cursor: number;
  count: number;
  snapshot: boolean;
}

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
 * NDJSON lines: a header, one line per customer (`upsert`, or `delete` in deltas), and an `end`
 * line with the cursor to ask from next time; a stream without `end` was cut and is retried.
 * Pages by version (keyset), so memory stays at one page whatever the directory size.
 */
export async function* feedLines(db: Queryable, window: FeedWindow, pageSize = 5000): AsyncGenerator<string> {
  yield `${JSON.stringify({ type: 'header', since: window.since, cursor: window.cursor, count: window.count, snapshot: window.snapshot })}\n`;
  let after = window.since;
  let sent = 0;
  for (;;) {
    const { rows } = await db.query<{ codigo: string; version: number; deleted: boolean; data: string }>(
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
        ? `{"type":"delete","version":${row.version},"codigo":${JSON.stringify(row.codigo)}}\n`
        : `{"type":"upsert","version":${row.version},"customer":${row.data}}\n`;
    }
    sent += rows.length;
    after = rows[rows.length - 1]!.version;
    yield chunk;
    if (rows.length < pageSize) break;
  }
  yield `${JSON.stringify({ type: 'end', cursor: window.cursor, count: sent })}\n`;
}
