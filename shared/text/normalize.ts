/** Folds case, accents and spacing so "Ñuñoa  1234" and "nunoa 1234" compare equal. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}

/** Key that identifies an address the way the procedures search it: comuna + street number. */
export function addressKey(comuna: string, numero: string): string {
  return `${foldText(comuna)}|${foldText(numero).replace(/\s+/g, '')}`;
}

/** Words that say what kind of street it is, dropped at the start so "Av. Irarrázaval" = "Irarrázaval". */
const STREET_TYPES = new Set(['av', 'avda', 'avenida', 'calle', 'pasaje', 'psje', 'pje', 'camino']);

/** Folded street name without its leading type word ("Av. Irarrázaval" → "irarrazaval"). */
export function foldStreet(calle: string): string {
  const words = foldText(calle).split(' ').filter(Boolean);
  while (words.length > 1 && STREET_TYPES.has(words[0]!)) words.shift();
  return words.join(' ');
}

/** Key of a street address, street + number ("Av. Irarrázaval", "4410" → "irarrazaval|4410"). */
export function streetKey(calle: string, numero: string): string {
  return `${foldStreet(calle)}|${foldText(numero).replace(/\s+/g, '')}`;
}

/** The words of a customer's name as the name search matches them: folded, unique, 2 letters or more. */
export function nameTokens(nombre: string): string[] {
  const tokens: string[] = [];
  for (const word of foldText(nombre).split(' ')) {
    if (word.length >= 2 && !tokens.includes(word)) tokens.push(word);
  }
  return tokens;
}

/**
 * True when every query word starts some word of the name (any order): "perez juana" and "jua per"
 * both match "Juana Pérez Soto". `words` are folded already.
 */
export function nameMatches(nombre: string, words: readonly string[]): boolean {
  const tokens = foldText(nombre).split(' ');
  return words.every((word) => tokens.some((token) => token.startsWith(word)));
}
