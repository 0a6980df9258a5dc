import type { Customer } from '../../../shared/directory/customer';
import { interpretQuery, type SearchKey } from '../../../shared/search/query';
import { directoryReader } from '../directory/directoryService';

export interface SearchHit {
  customer: Customer;
  matchedBy: SearchKey['by'][];
}

const MAX_HITS = 200;

/** Lookups run on the local copy only (never the network), so they work through an outage. */
function lookup(key: SearchKey): Promise<Customer[]> {
  switch (key.by) {
    case 'phone':
      return directoryReader.find('p', key.value, MAX_HITS);
    case 'rut':
      return directoryReader.find('r', key.value, MAX_HITS);
    case 'codigo':
      return directoryReader.find('c', key.value.toUpperCase(), MAX_HITS);
    case 'address':
      return directoryReader.find('a', key.value, MAX_HITS);
  }
}

/** Runs every valid reading of the query and merges the hits, saying which key matched each one. */
export async function searchByKeys(keys: SearchKey[]): Promise<SearchHit[]> {
  const found = await Promise.all(keys.map(async (key) => ({ key, customers: await lookup(key) })));
  const hits = new Map<string, SearchHit>();
  for (const { key, customers } of found) {
    for (const customer of customers) {
      const hit = hits.get(customer.codigo);
      if (hit) {
        if (!hit.matchedBy.includes(key.by)) hit.matchedBy.push(key.by);
      } else hits.set(customer.codigo, { customer, matchedBy: [key.by] });
    }
  }
  return [...hits.values()];
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
