/**
 * When a step is due, in the contact center's business calendar (Chilean holidays, working hours,
 * its time zone). The server stores the instant; "overdue" is then `due < now` with an injected
 * clock, so tests move time instead of waiting for it.
 */
import type { Deadline } from './types';

/** What a deadline needs from the business calendar (`shared/calendar`). */
export interface BusinessCalendar {
  isBusinessDay(day: string): boolean;
  addBusinessDays(day: string, n: number): string;
  addBusinessHours(instant: Date, hours: number): Date;
}

export interface DeadlineClock {
  calendar: BusinessCalendar;
  timeZone: string;
  /** Working hours, 'HH:MM' local time (the calendar's own). */
  workday: { start: string; end: string };
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Date, timeZone: string): Record<string, number> {
  let formatter = partFormatters.get(timeZone);
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
    partFormatters.set(timeZone, formatter);
  }
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** The local calendar day of `instant` in `timeZone`, YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Local wall-clock minutes since midnight. */
function localMinutes(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  return p.hour! * 60 + p.minute!;
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall clock in `timeZone` shows `day` at `hhmm`. */
export function zonedInstant(day: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

function minutesOf(hhmm: string): number {
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return hh * 60 + mm;
}

function workdayHours(clock: DeadlineClock): number {
  return (minutesOf(clock.workday.end) - minutesOf(clock.workday.start)) / 60;
}

/** The business day whose work `instant` falls into: today before closing, else the next one. */
function workingDayOf(instant: Date, clock: DeadlineClock): string {
  const day = localDay(instant, clock.timeZone);
  const closed = localMinutes(instant, clock.timeZone) >= minutesOf(clock.workday.end);
  if (clock.calendar.isBusinessDay(day) && !closed) return day;
  return clock.calendar.addBusinessDays(day, 1);
}

function lastBusinessDayOfMonth(day: string, clock: DeadlineClock): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  let candidate = new Date(Date.UTC(y, m, 0, 12)).toISOString().slice(0, 10);
  while (!clock.calendar.isBusinessDay(candidate)) {
    const previous = new Date(`${candidate}T12:00:00Z`);
    previous.setUTCDate(previous.getUTCDate() - 1);
    candidate = previous.toISOString().slice(0, 10);
  }
  return candidate;
}

/** When a step entered at `entered` is due. */
export function dueAt(deadline: Deadline, entered: Date, clock: DeadlineClock): Date {
  switch (deadline.kind) {
    case 'businessHours':
      return clock.calendar.addBusinessHours(entered, deadline.hours);
    case 'businessDays':
      // N days of working time: Monday 10:00 + 3 days is Thursday 10:00, skipping holidays.
      return clock.calendar.addBusinessHours(entered, deadline.days * workdayHours(clock));
    case 'endOfBusinessDay':
      return zonedInstant(workingDayOf(entered, clock), clock.workday.end, clock.timeZone);
    case 'endOfMonth': {
      // After closing on the month's last business day, the work falls into next month.
      const last = lastBusinessDayOfMonth(workingDayOf(entered, clock), clock);
      return zonedInstant(last, clock.workday.end, clock.timeZone);
    }
  }
}

/** "3 días hábiles", "en el día", … for the screens. */
export function deadlineLabel(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'businessHours':
      return `${deadline.hours} ${deadline.hours === 1 ? 'hora hábil' : 'horas hábiles'}`;
    case 'businessDays':
      return `${deadline.days} ${deadline.days === 1 ? 'día hábil' : 'días hábiles'}`;
    case 'endOfBusinessDay':
      return 'en el día';
    case 'endOfMonth':
      return 'antes de fin de mes';
  }
}
