import { z } from 'zod';

/**
 * Dates a person could really mean. PostgreSQL stores years 4713 BC to 294276 AD and JavaScript
 * rolls 2026-02-30 over to March 2nd; neither is what an agent typed, so both are refused here.
 */
export const PLAUSIBLE_FROM_YEAR = 2000;
export const PLAUSIBLE_TO_YEAR = 2100;

export const DATE_MESSAGES = {
  invalid: 'Fecha inválida.',
  range: `Fecha fuera de rango: debe estar entre ${PLAUSIBLE_FROM_YEAR} y ${PLAUSIBLE_TO_YEAR - 1}.`,
} as const;

/** `YYYY-MM-DD` that exists in the calendar (no February 30th). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function inRange(year: number): boolean {
  return year >= PLAUSIBLE_FROM_YEAR && year < PLAUSIBLE_TO_YEAR;
}

/** Why a `YYYY-MM-DD` is not a plausible date, or null when it is. */
export function dateProblem(value: string): string | null {
  if (!isCalendarDate(value)) return DATE_MESSAGES.invalid;
  return inRange(Number(value.slice(0, 4))) ? null : DATE_MESSAGES.range;
}

/**
 * Why an ISO 8601 timestamp with offset is not plausible, or null. The calendar part is checked
 * as written (2026-02-30T10:00:00Z is refused, not rolled over).
 */
export function timestampProblem(value: string): string | null {
  const datePart = value.slice(0, 10);
  if (!isCalendarDate(datePart) || Number.isNaN(Date.parse(value))) return DATE_MESSAGES.invalid;
  const year = new Date(value).getUTCFullYear();
  return inRange(Number(datePart.slice(0, 4))) && inRange(year) ? null : DATE_MESSAGES.range;
}

/** An ISO 8601 timestamp with offset (zod) that is also plausible, with the Spanish reason. */
export function plausibleTimestamp() {
  return z.iso.datetime({ offset: true }).superRefine((value, ctx) => {
    const problem = timestampProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A `YYYY-MM-DD` day (zod) on the calendar and plausible, with the Spanish reason. */
export function plausibleDate() {
  return z.string().superRefine((value, ctx) => {
    const problem = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? dateProblem(value)
      : 'Fecha inválida: use AAAA-MM-DD.';
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
