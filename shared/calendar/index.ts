// The pure part only: `./chile` (Chilean holidays) is heavy and imported explicitly where needed.
export {
  businessCalendar,
  type BusinessCalendar,
  type CalendarOptions,
  type HolidaySource,
  type WorkingHours,
} from './businessCalendar';
export { addDays, dayOf, isDay, weekdayOf, zonedInstant, type Day } from './zoned';
