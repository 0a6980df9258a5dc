import type { Customer } from '../../../shared/directory/customer';
import { interpretQuery, type SearchKey } from '../../../shared/search/query';
import { foldText } from '../../../shared/text/normalize';
import type { DirectoryLookup } from '../directory';

export interface SearchHit {
  customer: Customer;
  matchedBy: SearchKey['by'][];
}

/** Customer look-ups as the desk uses them. */
export interface CustomerSearch {
  /** Runs every valid reading of the query and merges the hits, saying which key matched each one. */
  searchByKeys(keys: SearchKey[]): Promise<SearchHit[]>;
  /** The same, with what the agent should know about the name reading (see SearchTotals). */
  searchWithTotals(keys: SearchKey[]): Promise<{ hits: SearchHit[] } & SearchTotals>;
  searchCustomers(query: string): Promise<SearchHit[]>;
  getCustomer(codigo: string): Promise<Customer | undefined>;
  /**
   * Other records that may be the same customer: same address (comuna + número), phone or RUT.
   * Used by Z3 (change of legal name) and by the replaced-code search.
   */
  findRelatedCustomers(customer: Customer, by?: Array<'address' | 'phone' | 'rut'>): Promise<SearchHit[]>;
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

/** Look-ups run on the local copy only (never the network), so they work through an outage. */
export function createCustomerSearch(directory: DirectoryLookup): CustomerSearch {
  const lookup = async (key: SearchKey, totals: SearchTotals): Promise<Customer[]> => {
    switch (key.by) {
      case 'phone':
        return directory.find('p', key.value, MAX_HITS);
      case 'rut':
        return directory.find('r', key.value, MAX_HITS);
      case 'codigo':
        return directory.find('c', key.value.toUpperCase(), MAX_HITS);
      case 'address':
        return directory.find('a', key.value, MAX_HITS);
      case 'street': {
        const found = await directory.find('s', key.value, MAX_HITS);
        return key.comuna === undefined ? found : found.filter((c) => foldText(c.comuna) === key.comuna);
      }
      case 'name': {
        const result = await directory.findByName(key.value.split(' '), NAME_HITS);
        totals.nameTotal = result.total;
        totals.nameTotalExact = result.exact;
        if (!result.indexed) totals.indexed = false;
        return result.customers;
      }
    }
  };

  const searchWithTotals = async (keys: SearchKey[]): Promise<{ hits: SearchHit[] } & SearchTotals> => {
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
  };
  const searchByKeys = async (keys: SearchKey[]): Promise<SearchHit[]> => (await searchWithTotals(keys)).hits;

  return {
    searchByKeys,
    searchWithTotals,
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
