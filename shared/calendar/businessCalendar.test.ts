import { describe, expect, it } from 'vitest';
import { businessCalendar } from './businessCalendar';
import { chileanCalendar, chileHolidays } from './chile';
import { dayOf, isDay, weekdayOf, zonedInstant } from './zoned';

const cl = chileanCalendar();
const at = (iso: string) => new Date(iso);

describe('Chilean business days', () => {
  it('knows the public holidays of the year, by their Spanish names', () => {
    const holidays = chileHolidays(2026);
    expect(holidays.get('2026-09-18')).toBe('Fiestas Patrias');
    expect(holidays.get('2026-12-08')).toBeDefined();
    expect(holidays.get('2026-12-25')).toBe('Navidad');
    // 31 December is a bank holiday only: a contact centre works it.
    expect(holidays.has('2026-12-31')).toBe(false);
  });

  it('skips weekends and holidays', () => {
    expect(cl.isBusinessDay('2026-12-07')).toBe(true); // Monday
    expect(cl.isBusinessDay('2026-12-08')).toBe(false); // Inmaculada Concepción
    expect(cl.isBusinessDay('2026-12-12')).toBe(false); // Saturday
    expect(cl.isBusinessDay('2026-12-31')).toBe(true);
    expect(cl.holidayName('2026-12-25')).toBe('Navidad');
    expect(cl.holidayName('2026-12-07')).toBeNull();
  });

  it('adds business days: a ticket of 2 days opened on Friday 4 Dec 2026 is due Wednesday 9', () => {
    expect(cl.addBusinessDays('2026-12-04', 2)).toBe('2026-12-09');
    expect(cl.addBusinessDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(cl.addBusinessDays('2026-09-17', 1)).toBe('2026-09-21'); // Fiestas Patrias, then a weekend
    expect(cl.addBusinessDays('2026-12-09', -2)).toBe('2026-12-04');
    expect(cl.addBusinessDays('2026-12-05', 0)).toBe('2026-12-05');
  });

  it('counts business days between two days, signed', () => {
    expect(cl.businessDaysBetween('2026-12-04', '2026-12-09')).toBe(2);
    expect(cl.businessDaysBetween('2026-12-09', '2026-12-04')).toBe(-2);
    expect(cl.businessDaysBetween('2026-12-04', '2026-12-04')).toBe(0);
    expect(cl.businessDaysBetween('2026-12-04', cl.addBusinessDays('2026-12-04', 15))).toBe(15);
  });

  it('adds business hours inside 09:00–18:00 Santiago time, across nights, weekends and holidays', () => {
    // Friday 17:00 (UTC-3 in summer) + 2 h → Monday 10:00.
    expect(cl.addBusinessHours(at('2026-12-04T20:00:00Z'), 2).toISOString()).toBe('2026-12-07T13:00:00.000Z');
    // Saturday: the clock starts on Monday at 09:00.
    expect(cl.addBusinessHours(at('2026-12-05T15:00:00Z'), 1).toISOString()).toBe('2026-12-07T13:00:00.000Z');
    // Monday 17:30 + 1 h → Tuesday is a holiday → Wednesday 09:30.
    expect(cl.addBusinessHours(at('2026-12-07T20:30:00Z'), 1).toISOString()).toBe('2026-12-09T12:30:00.000Z');
    expect(cl.addBusinessHours(at('2026-12-07T13:00:00Z'), 0).toISOString()).toBe('2026-12-07T13:00:00.000Z');
  });

  it('counts business hours between two instants, signed', () => {
    expect(cl.businessHoursBetween(at('2026-12-04T20:00:00Z'), at('2026-12-07T13:00:00Z'))).toBe(2);
    expect(cl.businessHoursBetween(at('2026-12-07T13:00:00Z'), at('2026-12-04T20:00:00Z'))).toBe(-2);
    expect(cl.businessHoursBetween(at('2026-12-05T12:00:00Z'), at('2026-12-06T12:00:00Z'))).toBe(0);
  });

  it('follows daylight saving time: 09:00 is 12:00Z in summer and 13:00Z in winter', () => {
    expect(zonedInstant('2026-03-02', 9 * 60, 'America/Santiago').toISOString()).toBe(
      '2026-03-02T12:00:00.000Z',
    );
    expect(zonedInstant('2026-06-01', 9 * 60, 'America/Santiago').toISOString()).toBe(
      '2026-06-01T13:00:00.000Z',
    );
    expect(cl.businessHoursBetween(at('2026-06-01T13:00:00Z'), at('2026-06-01T22:00:00Z'))).toBe(9);
  });

  it('takes an operator’s extra holidays, other hours and another zone', () => {
    const custom = chileanCalendar({
      extraHolidays: { '2026-12-07': 'Cierre de inventario' },
      hours: { start: '08:30', end: '17:30' },
      timeZone: 'Pacific/Easter',
    });
    expect(custom.isBusinessDay('2026-12-07')).toBe(false);
    expect(custom.holidayName('2026-12-07')).toBe('Cierre de inventario');
    expect(custom.addBusinessDays('2026-12-04', 1)).toBe('2026-12-09');
    expect(custom.dayOf(at('2026-12-07T03:00:00Z'))).toBe('2026-12-06'); // Easter Island is UTC-5 in summer
  });

  it('refuses days that do not exist and hours that make no sense', () => {
    expect(() => cl.isBusinessDay('2026-02-30')).toThrow(RangeError);
    expect(() => cl.addBusinessDays('2026-12-04', 1.5)).toThrow(RangeError);
    expect(() => cl.addBusinessHours(at('2026-12-04T12:00:00Z'), -1)).toThrow(RangeError);
    expect(() =>
      businessCalendar({ holidays: () => new Map(), hours: { start: '18:00', end: '09:00' } }),
    ).toThrow(RangeError);
  });
});

describe('zoned days', () => {
  it('validates and names days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('26-2-3')).toBe(false);
    expect(weekdayOf('2026-12-01')).toBe(2);
    expect(weekdayOf('2026-12-06')).toBe(7);
    expect(dayOf(at('2026-12-01T02:00:00Z'), 'America/Santiago')).toBe('2026-11-30');
  });
});
