import type { BusinessCalendar } from '../../../shared/calendar';
import { addDays } from '../../../shared/calendar';
import type { Queryable } from '../db/types';

/**
 * Writes the business-day table the board's SQL counts with (see migration 006): one row per day
 * from `first` to `last`, with the running count of business days. Holidays are code
 * (shared/calendar on `date-holidays`), so the server fills this at every start, up to two years
 * ahead; a changed holiday list rewrites the rows that changed and nothing else. `ordinal` counts
 * from `first`, which is therefore fixed (no ticket of this system is older).
 */
export const BUSINESS_DAYS_FROM = '2020-01-01';

export async function ensureBusinessDays(
  db: Queryable,
  calendar: BusinessCalendar,
  first = BUSINESS_DAYS_FROM,
  last = `${new Date().getUTCFullYear() + 2}-12-31`,
): Promise<void> {
  const rows: Array<{ day: string; business: boolean; ordinal: number }> = [];
  let ordinal = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const business = calendar.isBusinessDay(day);
    if (business) ordinal += 1;
    rows.push({ day, business, ordinal });
  }
  // Nothing to write when the table already says the same (the common start): compare a fingerprint.
  const expected = rows.reduce((sum, row) => sum + row.ordinal * (row.business ? 1 : 2), 0);
  const { rows: current } = await db.query<{ n: number; fingerprint: number | null }>(
    `SELECT count(*)::int AS n, sum(ordinal * CASE WHEN business THEN 1 ELSE 2 END)::float8 AS fingerprint
       FROM business_days WHERE day BETWEEN $1::date AND $2::date`,
    [first, last],
  );
  if (current[0]?.n === rows.length && current[0].fingerprint === expected) return;
  await db.query(
    `INSERT INTO business_days AS b (day, business, ordinal)
     SELECT x.day, x.business, x.ordinal FROM jsonb_to_recordset($1::jsonb) AS x(day date, business boolean, ordinal int)
     ON CONFLICT (day) DO UPDATE SET business = excluded.business, ordinal = excluded.ordinal
      WHERE (b.business, b.ordinal) IS DISTINCT FROM (excluded.business, excluded.ordinal)`,
    [JSON.stringify(rows)],
  );
}
