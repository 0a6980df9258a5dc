import { canonicalRut, displayRut, wrongRutCheckDigit } from '../validation/rut';
import { normalizeChileanPhone } from '../validation/phone';
import { addressKey } from '../text/normalize';

/**
 * Every way the one search box can be read. "123456785" may be a RUT without dash or a customer
 * code; rather than guess, the search runs every reading that is valid and merges the results.
 */
export type SearchKey =
  | { by: 'phone'; value: string }
  | { by: 'rut'; value: string }
  | { by: 'codigo'; value: string }
  | { by: 'address'; value: string };

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
  if (address && address[1] && address[2])
    keys.push({ by: 'address', value: addressKey(address[1], address[2]) });

  return keys;
}

export const SEARCH_KEY_LABEL: Record<SearchKey['by'], string> = {
  phone: 'teléfono',
  rut: 'RUT',
  codigo: 'código',
  address: 'dirección',
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
