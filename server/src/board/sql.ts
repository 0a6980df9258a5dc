import { addDays } from '../../../shared/calendar';
import type { BoardQuery } from './scope';

/** Numbered parameters for one statement: `p.add(value)` → `$n`. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Day rows of a roll-up over the board's range (for series by day). */
export function dayRows(p: Params, q: BoardQuery): string {
  return `period = 'd' AND day BETWEEN ${p.add(q.filters.from)}::date AND ${p.add(q.filters.to)}::date`;
}

/**
 * The months that lie whole inside [from, to] (first days of the first and last one), and the
 * day ranges left at the edges.
 */
export function splitRange(
  from: string,
  to: string,
): { months: [string, string] | null; days: Array<[string, string]> } {
  const firstMonth = from.endsWith('-01') ? from : addDays(`${from.slice(0, 8)}01`, 40).slice(0, 8) + '01';
  const afterTo = addDays(to, 1);
  const lastMonthEnd = afterTo.endsWith('-01') ? afterTo : `${afterTo.slice(0, 8)}01`;
  if (firstMonth >= lastMonthEnd) return { months: null, days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (from < firstMonth) days.push([from, addDays(firstMonth, -1)]);
  if (lastMonthEnd <= to) days.push([lastMonthEnd, to]);
  const lastMonth = `${addDays(lastMonthEnd, -1).slice(0, 8)}01`;
  return { months: [firstMonth, lastMonth], days };
}

/** Roll-up rows that add up to the board's range: whole months from month rows, edges from day rows. */
export function rangeRows(p: Params, q: BoardQuery): string {
  const { months, days } = splitRange(q.filters.from, q.filters.to);
  const parts = days.map(
    ([a, b]) => `(period = 'd' AND day BETWEEN ${p.add(a)}::date AND ${p.add(b)}::date)`,
  );
  if (months)
    parts.push(`(period = 'm' AND day BETWEEN ${p.add(months[0])}::date AND ${p.add(months[1])}::date)`);
  return `(${parts.join(' OR ')})`;
}

/** Raw rows whose instant falls on one of the range's days (Chile), index-friendly. */
export function instantRange(p: Params, from: string, to: string, column: string): string {
  return `${column} >= board_day_start(${p.add(from)}::date) AND ${column} < board_day_start(${p.add(to)}::date + 1)`;
}

export function blockMatch(p: Params, column: string, block: string): string {
  return `${column} @> ARRAY[${p.add(block)}]::text[]`;
}
