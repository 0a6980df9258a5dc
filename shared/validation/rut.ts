import { format, validate } from 'rut.js';

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
