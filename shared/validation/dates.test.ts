import { describe, expect, it } from 'vitest';
import { DATE_MESSAGES, dateProblem, isCalendarDate, timestampProblem } from './dates';

describe('plausible dates', () => {
  it('refuses days that do not exist instead of rolling them over', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-02-01')).toBe(false);
    expect(dateProblem('2026-02-30')).toBe(DATE_MESSAGES.invalid);
  });

  it('refuses years nobody means (0001, 9999), accepts this century', () => {
    expect(dateProblem('0001-01-01')).toBe(DATE_MESSAGES.range);
    expect(dateProblem('9999-12-31')).toBe(DATE_MESSAGES.range);
    expect(dateProblem('2026-11-26')).toBeNull();
  });

  it('checks timestamps the same way, as written', () => {
    expect(timestampProblem('2026-11-26T12:30:00-03:00')).toBeNull();
    expect(timestampProblem('2026-02-30T12:30:00Z')).toBe(DATE_MESSAGES.invalid);
    expect(timestampProblem('0001-01-01T00:00:00Z')).toBe(DATE_MESSAGES.range);
    expect(timestampProblem('9999-12-31T23:59:59+14:00')).toBe(DATE_MESSAGES.range);
  });
});
