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
