import { describe, expect, it } from 'vitest';
import { chileanCalendar } from '../calendar/chile';
import { deadlineLabel, dueAt } from './deadlines';

const calendar = chileanCalendar();
// March 2026 is summer time in Chile (UTC-3); May is UTC-4.
const march = (local: string) => new Date(`${local}-03:00`);
const may = (local: string) => new Date(`${local}-04:00`);

describe('step deadlines in the Chilean business calendar', () => {
  it('business days count working time: Monday 10:00 + 3 days is Thursday 10:00', () => {
    expect(dueAt({ kind: 'businessDays', days: 3 }, march('2026-03-09T10:00'), calendar)).toEqual(
      march('2026-03-12T10:00'),
    );
  });

  it('skip holidays and weekends (21 May, Glorias Navales, is a Thursday in 2026)', () => {
    expect(dueAt({ kind: 'businessDays', days: 3 }, may('2026-05-19T10:00'), calendar)).toEqual(
      may('2026-05-25T10:00'),
    );
    expect(dueAt({ kind: 'businessDays', days: 1 }, march('2026-03-13T17:00'), calendar)).toEqual(
      march('2026-03-16T17:00'),
    );
  });

  it('"within 2 hours" runs in working hours only', () => {
    expect(dueAt({ kind: 'businessHours', hours: 2 }, march('2026-03-09T17:30'), calendar)).toEqual(
      march('2026-03-10T10:30'),
    );
  });

  it('"en el día" is closing time that day, or of the next business day after hours', () => {
    const end = { kind: 'endOfBusinessDay' } as const;
    expect(dueAt(end, march('2026-03-09T10:00'), calendar)).toEqual(march('2026-03-09T18:00'));
    expect(dueAt(end, march('2026-03-09T18:30'), calendar)).toEqual(march('2026-03-10T18:00'));
    expect(dueAt(end, march('2026-03-14T11:00'), calendar)).toEqual(march('2026-03-16T18:00'));
  });

  it('"antes de fin de mes" is the month’s last business day at closing', () => {
    const month = { kind: 'endOfMonth' } as const;
    expect(dueAt(month, march('2026-03-10T12:00'), calendar)).toEqual(march('2026-03-31T18:00'));
    // 31 May 2026 is a Sunday: Friday 29 is the last business day; after it closes, June's.
    expect(dueAt(month, may('2026-05-20T12:00'), calendar)).toEqual(may('2026-05-29T18:00'));
    expect(dueAt(month, may('2026-05-29T18:30'), calendar)).toEqual(may('2026-06-30T18:00'));
  });

  it('reads in Spanish', () => {
    expect(deadlineLabel({ kind: 'businessDays', days: 3 })).toBe('3 días hábiles');
    expect(deadlineLabel({ kind: 'businessHours', hours: 2 })).toBe('2 horas hábiles');
    expect(deadlineLabel({ kind: 'endOfBusinessDay' })).toBe('en el día');
  });
});
