import type { CallLogEntry } from '../../../shared/telephony/callLog';

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Written like a phone number: digits with spaces, dots, dashes, parentheses or a leading +. */
const PHONE_LIKE = /^[+\d\s().-]+$/;

/**
 * Whether a logged call matches what the agent typed in the history's search box: a number in
 * any written form ("9 4455 6677" finds +56944556677), a customer code, a block code, a name.
 */
export function matchesHistoryQuery(entry: CallLogEntry, query: string): boolean {
  const q = fold(query.trim());
  if (q === '') return true;
  const digits = q.replace(/\D/g, '');
  if (PHONE_LIKE.test(q) && digits.length >= 3) {
    const numbers = [entry.number, entry.label, entry.customerCode, entry.transferTarget];
    if (numbers.some((value) => value && value.replace(/\D/g, '').includes(digits))) return true;
  }
  const words = [
    entry.label,
    entry.number,
    entry.displayName,
    entry.customerCode,
    entry.customerName,
    entry.transferTarget,
    entry.note,
    ...entry.blockCodes,
  ];
  return words.some((value) => value && fold(value).includes(q));
}
