import type { Customer } from '../../../shared/directory/customer';
import { interpretQuery, type SearchKey } from '../../../shared/search/query';
import type { DirectoryLookup } from '../directory';

export interface SearchHit {
  customer: Customer;
  matchedBy: SearchKey['by'][];
}

/** Customer look-ups as the desk uses them. */
export interface CustomerSearch {
  /** Runs every valid reading of the query and merges the hits, saying which key matched each one. */
  searchByKeys(keys: SearchKey[]): Promise<SearchHit[]>;
  searchCustomers(query: string): Promise<SearchHit[]>;
  getCustomer(codigo: string): Promise<Customer | undefined>;
  /**
   * Other records that may be the same customer: same address (comuna + número), phone or RUT.
   * Used by Z3 (change of legal name) and by the replaced-code search.
   */
  findRelatedCustomers(customer: Customer, by?: Array<'address' | 'phone' | 'rut'>): Promise<SearchHit[]>;
}

const MAX_HITS = 200;

/** Look-ups run on the local copy only (never the network), so they work through an outage. */
export function createCustomerSearch(directory: DirectoryLookup): CustomerSearch {
  const lookup = (key: SearchKey): Promise<Customer[]> => {
    switch (key.by) {
      case 'phone':
        return directory.find('p', key.value, MAX_HITS);
      case 'rut':
        return directory.find('r', key.value, MAX_HITS);
      case 'codigo':
        return directory.find('c', key.value.toUpperCase(), MAX_HITS);
      case 'address':
        return directory.find('a', key.value, MAX_HITS);
    }
  };

  const searchByKeys = async (keys: SearchKey[]): Promise<SearchHit[]> => {
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
  };

  return {
    searchByKeys,
    searchCustomers: (query) => searchByKeys(interpretQuery(query)),
    getCustomer: (codigo) => directory.get(codigo),
    async findRelatedCustomers(customer, by = ['address', 'phone', 'rut']) {
      const keys: SearchKey[] = [];
      if (by.includes('address')) keys.push({ by: 'address', value: customer.addressKey });
      if (by.includes('phone'))
        for (const phone of customer.telefonos) keys.push({ by: 'phone', value: phone });
      if (by.includes('rut')) keys.push({ by: 'rut', value: customer.rut });
      const hits = await searchByKeys(keys);
      return hits.filter((hit) => hit.customer.codigo !== customer.codigo);
    },
  };
}
