import type { BusinessCalendar } from '../calendar';

/** A ticket opened at `openedAt` is due `businessDays` business days after that day in Chile. */
export function ticketDueDate(calendar: BusinessCalendar, openedAt: Date, businessDays: number): string {
  return calendar.addBusinessDays(calendar.dayOf(openedAt), businessDays);
}
