// 'min' metadata checks Chile's number plan (lengths, leading digits), not the carriers' allocated
// ranges: a real customer's new mobile range must never be rejected because our metadata is older.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Normalises any Chilean way of writing a phone number to E.164 ("+56912345678").
 * Accepts "+56 9 1234 5678", "912345678", "0056912345678", "(2) 2693 9901", "226939901".
 * Returns null for anything that is not a valid number.
 */
export function normalizeChileanPhone(input: string): string | null {
  let text = input.trim();
  if (!/^[\d\s()+.-]+$/.test(text)) return null;
  // International prefix written with 00 instead of +.
  text = text.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(text, 'CL');
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** Loose check for form fields: a valid number anywhere (a customer may give a foreign mobile). */
export function isValidPhone(input: string): boolean {
  return normalizeChileanPhone(input) !== null;
}

/** "+56912345678" → "+56 9 1234 5678", for reading back to the customer. */
export function formatPhoneForDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
