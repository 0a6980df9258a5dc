/**
 * Chile's public holidays from the kept `date-holidays` package (laws change: its updates bring
 * them). Heavy (~1.5 MB with its time-zone data): import this file only on the server or lazily.
 */
import Holidays from 'date-holidays';
import {
  businessCalendar,
  type BusinessCalendar,
  type CalendarOptions,
  type HolidaySource,
} from './businessCalendar';
import type { Day } from './zoned';

let holidays: Holidays | null = null;

/** Public holidays only: bank-only days (31 December) are worked in a contact centre. */
export const chileHolidays: HolidaySource = (year) => {
  holidays ??= new Holidays('CL', { types: ['public'] });
  const days = new Map<Day, string>();
  for (const holiday of holidays.getHolidays(year, 'es') || [])
    days.set(holiday.date.slice(0, 10), holiday.name);
  return days;
};

export function chileanCalendar(options: Omit<CalendarOptions, 'holidays'> = {}): BusinessCalendar {
  return businessCalendar({ ...options, holidays: chileHolidays });
}
