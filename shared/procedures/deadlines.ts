/**
 * When a step is due, in the contact center's business calendar (`shared/calendar`: Chilean
 * holidays, working hours, its time zone). The server stores the instant; "overdue" is then
 * `due < now` with an injected clock, so tests move time instead of waiting for it.
 */
import { addDays, zonedInstant, type BusinessCalendar, type Day } from '../calendar';
import type { Deadline } from './types';

function minutesOf(hhmm: string): number {
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return hh * 60 + mm;
}

function closingOf(day: Day, calendar: BusinessCalendar): Date {
  return zonedInstant(day, minutesOf(calendar.hours.end), calendar.timeZone);
}

/** The business day whose work `instant` falls into: that day before closing, else the next one. */
function workingDayOf(instant: Date, calendar: BusinessCalendar): Day {
  const day = calendar.dayOf(instant);
  if (calendar.isBusinessDay(day) && instant < closingOf(day, calendar)) return day;
  return calendar.addBusinessDays(day, 1);
}

function lastBusinessDayOfMonth(day: Day, calendar: BusinessCalendar): Day {
  const [year, month] = day.split('-').map(Number) as [number, number];
  let candidate = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  while (!calendar.isBusinessDay(candidate)) candidate = addDays(candidate, -1);
  return candidate;
}

/** When a step entered at `entered` is due. */
export function dueAt(deadline: Deadline, entered: Date, calendar: BusinessCalendar): Date {
  switch (deadline.kind) {
    case 'businessHours':
      return calendar.addBusinessHours(entered, deadline.hours);
    case 'businessDays': {
      // N days of working time: Monday 10:00 + 3 days is Thursday 10:00, skipping holidays.
      const hoursPerDay = (minutesOf(calendar.hours.end) - minutesOf(calendar.hours.start)) / 60;
      return calendar.addBusinessHours(entered, deadline.days * hoursPerDay);
    }
    case 'endOfBusinessDay':
      return closingOf(workingDayOf(entered, calendar), calendar);
    case 'endOfMonth':
      // After closing on the month's last business day, the work falls into next month.
      return closingOf(lastBusinessDayOfMonth(workingDayOf(entered, calendar), calendar), calendar);
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
