const rules = new Intl.PluralRules('es-CL');

/**
 * "1 cliente", "327 clientes", "1.000 clientes": a count and the noun phrase that agrees with it,
 * the number written as es-CL writes it. `one` and `other` are whole phrases ("cliente encontrado").
 */
export function countOf(count: number, one: string, other: string): string {
  return `${count.toLocaleString('es-CL')} ${rules.select(count) === 'one' ? one : other}`;
}
