import type { Customer } from '../../../shared/directory/customer';
import { db } from '../../db/db';

export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

function sameCustomer(a: Customer, b: Customer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Upsert by `codigo`: identical rows are not rewritten, so re-importing a file changes nothing. */
export async function upsertCustomers(customers: Customer[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  if (customers.length === 0) return counts;
  await db.transaction('rw', db.customers, async () => {
    const existing = await db.customers.bulkGet(customers.map((c) => c.codigo));
    const changed: Customer[] = [];
    customers.forEach((customer, i) => {
      const before = existing[i];
      if (!before) counts.added += 1;
      else if (sameCustomer(before, customer)) {
        counts.unchanged += 1;
        return;
      } else counts.updated += 1;
      changed.push(customer);
    });
    if (changed.length > 0) await db.customers.bulkPut(changed);
  });
  return counts;
}

export function countCustomers(): Promise<number> {
  return db.customers.count();
}
