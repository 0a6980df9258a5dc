import { dayOf } from '../../../../shared/calendar';

/** Today in Chile (the due dates' calendar), whatever this workstation's time zone. */
export function chileToday(now: Date = new Date()): string {
  return dayOf(now, 'America/Santiago');
}
