import type { BusinessCalendar } from '../../../shared/calendar';
import { chileanCalendar } from '../../../shared/calendar/chile';

const calendars = new Map<string, BusinessCalendar>();

/** The contact center's business calendar in `timeZone` (built once: it caches holidays per year). */
export function calendarFor(timeZone: string): BusinessCalendar {
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    calendar = chileanCalendar({ timeZone });
    calendars.set(timeZone, calendar);
  }
  return calendar;
}
