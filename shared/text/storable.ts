import { z } from 'zod';

/**
 * Text that PostgreSQL, JSON and every mail system can hold: no NUL (PostgreSQL's text and jsonb
 * refuse it) and no half of a UTF-16 surrogate pair (a cut emoji, which jsonb refuses too).
 * Checked in the shared schemas, so the app shows it next to the field and the back office answers
 * it per item instead of failing a whole batch.
 */
export const INVALID_TEXT_MESSAGE =
  'Contiene caracteres no válidos (un carácter nulo o un emoji cortado): bórrelos y escriba el texto de nuevo.';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** The same text with NUL dropped and lone surrogates as U+FFFD: for echoing bad input in a message. */
export function toStorableText(value: string): string {
  return value.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/**
 * At most `max` code points of `value`: never splits a surrogate pair, so an emoji at the limit is
 * kept whole or dropped whole.
 */
export function cutText(value: string, max: number): string {
  let units = 0;
  let points = 0;
  while (units < value.length && points < max) {
    const code = value.charCodeAt(units);
    const pair =
      code >= 0xd800 &&
      code <= 0xdbff &&
      units + 1 < value.length &&
      /[\uDC00-\uDFFF]/.test(value[units + 1]!);
    units += pair ? 2 : 1;
    points += 1;
  }
  return units >= value.length ? value : value.slice(0, units);
}

/** `z.string()` that refuses NUL and lone surrogates with the Spanish message. */
export function storableString() {
  return z.string().refine(isStorableText, { message: INVALID_TEXT_MESSAGE, abort: true });
}
