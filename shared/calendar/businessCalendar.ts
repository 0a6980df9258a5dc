/**
 * Business days and business hours: what "vence en 5 días hábiles" or "2 h hábiles" mean.
 *
 * Pure and dependency-free: the holidays come from a port (`HolidaySource`). The Chilean one
 * (`./chile.ts`, on the `date-holidays` package) is heavy, so the server uses it and the desk
 * receives computed dates instead of bundling it.
 */
import { addDays, dayOf, isDay, parseDay, weekdayOf, zonedInstant, type Day } from './zoned';

/** The holidays of one year: day → name. */
export type HolidaySource = (year: number) => ReadonlyMap<Day, string>;

/** Local wall-clock working hours, 'HH:MM' (24 h), the same on every business day. */
export interface WorkingHours {
  start: string;
  end: string;
}

export interface CalendarOptions {
  holidays: HolidaySource;
  /** IANA zone whose wall clock defines days and hours (default America/Santiago). */
  timeZone?: string;
  /** Default 09:00–18:00. */
  hours?: WorkingHours;
  /** Extra non-working days set by an operator (e.g. a new law, a regional holiday): day → name. */
  extraHolidays?: Readonly<Record<Day, string>>;
  /** ISO weekdays that are not worked (1 = Monday … 7 = Sunday); default Saturday and Sunday. */
  weekend?: readonly number[];
}

export interface BusinessCalendar {
  readonly timeZone: string;
  readonly hours: WorkingHours;
  /** The local day of an instant in the calendar's zone. */
  dayOf(instant: Date): Day;
  isBusinessDay(day: Day): boolean;
  holidayName(day: Day): string | null;
  /** The n-th business day after `day` (n = 0: `day` itself). Negative n counts backwards. */
  addBusinessDays(day: Day, n: number): Day;
  /** Business days d with from < d ≤ to (negative when `to` is before `from`). */
  businessDaysBetween(from: Day, to: Day): number;
  /** The instant `hours` working hours after `instant` (time outside working hours does not count). */
  addBusinessHours(instant: Date, hours: number): Date;
  /** Working hours between two instants (negative when `to` is before `from`). */
  businessHoursBetween(from: Date, to: Date): number;
}

const DEFAULT_HOURS: WorkingHours = { start: '09:00', end: '18:00' };
const HOUR_MS = 3_600_000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** A guard against endless loops on a calendar with no business day at all. */
const MAX_SCAN_DAYS = 3_660;

function minutesOf(time: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`Invalid time '${time}' (expected HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function checkDay(day: Day): void {
  if (!isDay(day)) throw new RangeError(`Invalid day '${day}' (expected YYYY-MM-DD)`);
}

export function businessCalendar(options: CalendarOptions): BusinessCalendar {
  const timeZone = options.timeZone ?? 'America/Santiago';
  const hours = options.hours ?? DEFAULT_HOURS;
  const startMin = minutesOf(hours.start);
  const endMin = minutesOf(hours.end);
  if (endMin <= startMin) throw new RangeError('Working hours must end after they start');
  const weekend = new Set(options.weekend ?? [6, 7]);
  const extra = options.extraHolidays ?? {};
  const byYear = new Map<number, ReadonlyMap<Day, string>>();

  const holidayName = (day: Day): string | null => {
    checkDay(day);
    const fromExtra = extra[day];
    if (fromExtra !== undefined) return fromExtra;
    const year = parseDay(day).year;
    let holidays = byYear.get(year);
    if (!holidays) {
      holidays = options.holidays(year);
      byYear.set(year, holidays);
    }
    return holidays.get(day) ?? null;
  };
  const isBusinessDay = (day: Day): boolean => !weekend.has(weekdayOf(day)) && holidayName(day) === null;

  const addBusinessDays = (day: Day, n: number): Day => {
    checkDay(day);
    if (!Number.isInteger(n)) throw new RangeError('Business days must be a whole number');
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let current = day;
    let scanned = 0;
    while (left > 0) {
      current = addDays(current, step);
      if (isBusinessDay(current)) left -= 1;
      if (++scanned > MAX_SCAN_DAYS * Math.max(1, Math.abs(n))) throw new RangeError('No business days');
    }
    return current;
  };

  const businessDaysBetween = (from: Day, to: Day): number => {
    checkDay(from);
    checkDay(to);
    if (from === to) return 0;
    const [low, high, sign] = from < to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = addDays(low, 1); day <= high; day = addDays(day, 1)) if (isBusinessDay(day)) count += 1;
    return sign * count;
  };

  /** The working interval of a day, as instants (DST-safe: each end is resolved on its own). */
  const workingInterval = (day: Day): [number, number] => [
    zonedInstant(day, startMin, timeZone).getTime(),
    zonedInstant(day, endMin, timeZone).getTime(),
  ];

  const addBusinessHours = (instant: Date, amount: number): Date => {
    if (!Number.isFinite(amount) || amount < 0) throw new RangeError('Business hours must be zero or more');
    let left = amount * HOUR_MS;
    let at = instant.getTime();
    let day = dayOf(instant, timeZone);
    for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned += 1, day = addDays(day, 1)) {
      if (!isBusinessDay(day)) continue;
      const [start, end] = workingInterval(day);
      if (at >= end) continue;
      const from = Math.max(at, start);
      if (from + left <= end) return new Date(from + left);
      left -= end - from;
      at = end;
    }
    throw new RangeError('No business hours');
  };

  const businessHoursBetween = (from: Date, to: Date): number => {
    if (to.getTime() < from.getTime()) return -businessHoursBetween(to, from);
    let total = 0;
    const last = dayOf(to, timeZone);
    for (let day = dayOf(from, timeZone); day <= last; day = addDays(day, 1)) {
      if (!isBusinessDay(day)) continue;
      const [start, end] = workingInterval(day);
      const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
      if (overlap > 0) total += overlap;
    }
    return total / HOUR_MS;
  };

  return {
    timeZone,
    hours,
    dayOf: (instant) => dayOf(instant, timeZone),
    isBusinessDay: (day) => {
      checkDay(day);
      return isBusinessDay(day);
    },
    holidayName,
    addBusinessDays,
    businessDaysBetween,
    addBusinessHours,
    businessHoursBetween,
  };
}
