import { format, getCheckDigit, validate } from 'rut.js';

/** True when the RUT (with or without dots and dash, K or k) has a valid check digit. */
export function isValidRut(input: string): boolean {
  const trimmed = input.trim();
  if (!/^[0-9.]+-?[0-9kK]$/.test(trimmed)) return false;
  return validate(trimmed);
}

/** Canonical storage form: digits, dash, upper-case check digit, no dots ("12345678-5"). */
export function canonicalRut(input: string): string | null {
  if (!isValidRut(input)) return null;
  return format(input.trim(), { dots: false });
}

/** Display form used in the UI: "12.345.678-5". */
export function displayRut(canonical: string): string {
  return format(canonical);
}

/** Written the way a RUT is written (dots or a dash before the check digit), e.g. "12.345.678-9". */
const RUT_SHAPED = /^(\d{1,2}\.\d{3}\.\d{3}|\d{6,8})-[0-9kK]$|^\d{1,2}\.\d{3}\.\d{3}[0-9kK]$/;

/**
 * For text that is clearly meant as a RUT but whose check digit does not match: the digit it
 * should have ("K" or "0"–"9"). null when the text is a valid RUT or not written as one.
 */
export function wrongRutCheckDigit(input: string): { body: string; expected: string } | null {
  const text = input.trim();
  if (!RUT_SHAPED.test(text) || validate(text)) return null;
  const body = text.replace(/[.-]/g, '').slice(0, -1);
  return { body, expected: getCheckDigit(body).toUpperCase() };
}
