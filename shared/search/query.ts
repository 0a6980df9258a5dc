import { canonicalRut, displayRut, wrongRutCheckDigit } from '../validation/rut';
import { normalizeChileanPhone } from '../validation/phone';
import { addressKey, foldText, streetKey } from '../text/normalize';

/**
 * Every way the one search box can be read. "123456785" may be a RUT without dash or a customer
 * code; rather than guess, the search runs every reading that is valid and merges the results.
 */
export type SearchKey =
  | { by: 'phone'; value: string }
  | { by: 'rut'; value: string }
  | { by: 'codigo'; value: string }
  | { by: 'address'; value: string }
  /** Street + number (streetKey); `comuna` (folded) when the box also named it. */
  | { by: 'street'; value: string; comuna?: string }
  /** Folded words, space-separated: each must start a word of the name, in any order. */
  | { by: 'name'; value: string };

/** At most this many ways to split "comuna calle" before the number ("san jose de maipo …"). */
const MAX_COMUNA_WORDS = 4;

export function interpretQuery(input: string): SearchKey[] {
  const text = input.trim();
  if (!text) return [];
  const keys: SearchKey[] = [];

  const phone = normalizeChileanPhone(text);
  if (phone) keys.push({ by: 'phone', value: phone });

  const rut = canonicalRut(text);
  if (rut) keys.push({ by: 'rut', value: rut });

  if (/^[A-Za-z0-9-]{1,20}$/.test(text)) keys.push({ by: 'codigo', value: text.toUpperCase() });

  // "comuna número": words, then the street number at the end ("Ñuñoa 1234", "san miguel 45-B").
  const address = /^(.*\p{Letter}.*?)\s+(\d+[\p{Letter}\d-]*)$/u.exec(text);
  if (address && address[1] && address[2]) {
    const [, words, numero] = address;
    keys.push({ by: 'address', value: addressKey(words, numero) });
    // "calle número" ("Irarrázaval 4410"), and "comuna calle número" split every way it can be.
    keys.push({ by: 'street', value: streetKey(words, numero) });
    const folded = foldText(words).split(' ');
    for (let i = 1; i < folded.length && i <= MAX_COMUNA_WORDS; i++) {
      const comuna = folded.slice(0, i).join(' ');
      keys.push({ by: 'street', value: streetKey(folded.slice(i).join(' '), numero), comuna });
    }
  }

  // A name: letters only, words in any order, each a prefix ("perez jua").
  if (!/\d/.test(text)) {
    const words = foldText(text)
      .split(' ')
      .filter((word) => word.length >= 2);
    if (words.some((word) => word.length >= 3))
      keys.push({ by: 'name', value: [...new Set(words)].join(' ') });
  }

  return keys;
}

export const SEARCH_KEY_LABEL: Record<SearchKey['by'], string> = {
  phone: 'teléfono',
  rut: 'RUT',
  codigo: 'código',
  address: 'dirección',
  street: 'calle y número',
  name: 'nombre',
};

/**
 * What to tell the agent about the query itself, before any result: a RUT typed with a wrong
 * check digit says which digit those numbers have ("debería ser 15.234.871-1").
 */
export function queryProblem(input: string): string | null {
  const wrong = wrongRutCheckDigit(input);
  if (!wrong) return null;
  return (
    `El RUT ${input.trim()} tiene el dígito verificador equivocado: con esos números sería ` +
    `${displayRut(`${wrong.body}-${wrong.expected}`)}. Revíselo con el cliente.`
  );
}
