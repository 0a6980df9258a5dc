import { describe, expect, it } from 'vitest';
import { fullTime, listTime } from './formTime';

// Local times (the list shows this workstation's clock, as the agent reads it).
const now = new Date(2026, 11, 2, 16, 30);
const at = (month: number, day: number, hours: number, minutes: number, year = 2026) =>
  new Date(year, month, day, hours, minutes).toISOString();

describe('the forms list time', () => {
  it('is HH:MM for a form written today', () => {
    expect(listTime(at(11, 2, 9, 5), now)).toBe('09:05');
  });
  it('adds the day for another day, and the year for another year', () => {
    expect(listTime(at(11, 1, 23, 59), now)).toBe('01-12 23:59');
    expect(listTime(at(11, 31, 8, 0, 2025), now)).toBe('31-12-2025 08:00');
  });
  it('shows a dash, not "Invalid Date", for a damaged time', () => {
    expect(listTime('no es una fecha', now)).toBe('—');
    expect(fullTime('')).toBe('—');
  });
  it('the detail view gives the whole moment', () => {
    expect(fullTime(at(0, 5, 7, 3))).toBe('05-01-2026 07:03');
  });
});
