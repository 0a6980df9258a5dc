/** Calendar days ('YYYY-MM-DD') and wall-clock times in an IANA zone, with the platform's Intl only. */

/** A local calendar day, 'YYYY-MM-DD'. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function parseDay(day: Day): { year: number; month: number; date: number } {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Invalid day '${day}' (expected YYYY-MM-DD)`);
  return { year: Number(match[1]), month: Number(match[2]), date: Number(match[3]) };
}

/** A real calendar day (rejects 2026-02-30). */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utc.toISOString().slice(0, 10) === value;
}

function utcMidnight(day: Day): number {
  const { year, month, date } = parseDay(day);
  return Date.UTC(year, month - 1, date);
}

export function addDays(day: Day, n: number): Day {
  return new Date(utcMidnight(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: Day): number {
  const weekday = new Date(utcMidnight(day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

// Building an Intl formatter costs far more than using one: one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: number, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** Local time minus UTC at that instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return local - Math.floor(instant / 1000) * 1000;
}

/** The local day of an instant in a zone. */
export function dayOf(instant: Date, timeZone: string): Day {
  const p = wallClock(instant.getTime(), timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The instant at which the zone's wall clock shows `day` + `minutes` after midnight. A time skipped
 * by a daylight-saving jump resolves to the instant just after the jump.
 */
export function zonedInstant(day: Day, minutes: number, timeZone: string): Date {
  const guess = utcMidnight(day) + minutes * 60_000;
  const first = offsetAt(guess, timeZone);
  let instant = guess - first;
  const second = offsetAt(instant, timeZone);
  if (second !== first) instant = guess - second;
  return new Date(instant);
}
