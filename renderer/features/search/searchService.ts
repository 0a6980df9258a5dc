import type { Customer } from '../../../shared/directory/customer';
import { interpretQuery, type SearchKey } from '../../../shared/search/query';
import { foldText } from '../../../shared/text/normalize';
import { directoryReader } from '../directory/directoryService';

export interface SearchHit {
  customer: Customer;
  matchedBy: SearchKey['by'][];
}

const MAX_HITS = 200;
/** A name matches many customers in a big directory: the first ones are shown, with the total. */
export const NAME_HITS = 20;

/** What a search found beyond the hits: how many matched the name in all, and whether it could. */
export interface SearchTotals {
  /** Customers whose name matched (may exceed the hits shown); null without a name reading. */
  nameTotal: number | null;
  /** false: nameTotal is a lower bound ("más de"), counting them all would cost too much. */
  nameTotalExact: boolean;
  /** false while this copy's name and street indexes are being built (an older copy). */
  indexed: boolean;
}

/** Lookups run on the local copy only (never the network), so they work through an outage. */
async function lookup(key: SearchKey, totals: SearchTotals): Promise<Customer[]> {
  switch (key.by) {
    case 'phone':
      return directoryReader.find('p', key.value, MAX_HITS);
    case 'rut':
      return directoryReader.find('r', key.value, MAX_HITS);
    case 'codigo':
      return directoryReader.find('c', key.value.toUpperCase(), MAX_HITS);
    case 'address':
      return directoryReader.find('a', key.value, MAX_HITS);
    case 'street': {
      const found = await directoryReader.find('s', key.value, MAX_HITS);
      return key.comuna === undefined ? found : found.filter((c) => foldText(c.comuna) === key.comuna);
    }
    case 'name': {
      const result = await directoryReader.findByName(key.value.split(' '), NAME_HITS);
      totals.nameTotal = result.total;
      totals.nameTotalExact = result.exact;
      if (!result.indexed) totals.indexed = false;
      return result.customers;
    }
  }
}

/** Runs every valid reading of the query and merges the hits, saying which key matched each one. */
export async function searchByKeys(keys: SearchKey[]): Promise<SearchHit[]> {
  return (await searchWithTotals(keys)).hits;
}

/** The same, with what the agent should know about the name readings (see SearchTotals). */
export async function searchWithTotals(keys: SearchKey[]): Promise<{ hits: SearchHit[] } & SearchTotals> {
  const totals: SearchTotals = { nameTotal: null, nameTotalExact: true, indexed: true };
  const found = await Promise.all(keys.map(async (key) => ({ key, customers: await lookup(key, totals) })));
  const hits = new Map<string, SearchHit>();
  for (const { key, customers } of found) {
    for (const customer of customers) {
      const hit = hits.get(customer.codigo);
      if (hit) {
        if (!hit.matchedBy.includes(key.by)) hit.matchedBy.push(key.by);
      } else hits.set(customer.codigo, { customer, matchedBy: [key.by] });
    }
  }
  return { hits: [...hits.values()], ...totals };
}

export function searchCustomers(query: string): Promise<SearchHit[]> {
  return searchByKeys(interpretQuery(query));
}

export function getCustomer(codigo: string): Promise<Customer | undefined> {
  return directoryReader.get(codigo);
}

/**
 * Other records that may be the same customer: same address (comuna + número), phone or RUT.
 * Used by Z3 (change of legal name) and by the replaced-code search.
 */
export async function findRelatedCustomers(
  customer: Customer,
  by: Array<'address' | 'phone' | 'rut'> = ['address', 'phone', 'rut'],
): Promise<SearchHit[]> {
  const keys: SearchKey[] = [];
  if (by.includes('address')) keys.push({ by: 'address', value: customer.addressKey });
  if (by.includes('phone')) for (const phone of customer.telefonos) keys.push({ by: 'phone', value: phone });
  if (by.includes('rut')) keys.push({ by: 'rut', value: customer.rut });
  const hits = await searchByKeys(keys);
  return hits.filter((hit) => hit.customer.codigo !== customer.codigo);
}
