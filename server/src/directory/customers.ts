import type { Customer } from '../../../shared/directory/customer';
import type { Queryable } from '../db/types';

export interface CustomerLookup {
  /** Customers in the directory now, by code. */
  active: Map<string, Customer>;
  /**
   * Why a code may not take a form or a ticket, in Spanish, or nothing when it may. A back office
   * with no directory at all (nothing imported yet) cannot tell, and accepts every code.
   */
  problem(code: string): string | null;
}

/** One round trip: the customers named, which of them were deleted, and whether a directory exists. */
export async function lookUpCustomers(db: Queryable, codes: readonly string[]): Promise<CustomerLookup> {
  const { rows } = await db.query<{
    loaded: boolean;
    found: Array<{ codigo: string; data: Customer; deleted: boolean }> | null;
  }>(
    `SELECT EXISTS (SELECT 1 FROM customers) AS loaded,
            (SELECT jsonb_agg(jsonb_build_object('codigo', codigo, 'data', data, 'deleted', deleted))
               FROM customers WHERE codigo IN (SELECT jsonb_array_elements_text($1::jsonb))) AS found`,
    [JSON.stringify([...new Set(codes)])],
  );
  const { loaded, found } = rows[0]!;
  const active = new Map<string, Customer>();
  const deleted = new Set<string>();
  for (const row of found ?? []) {
    if (row.deleted) deleted.add(row.codigo);
    else active.set(row.codigo, row.data);
  }
  return {
    active,
    problem(code) {
      if (!loaded || active.has(code)) return null;
      return deleted.has(code)
        ? `Código de cliente: el cliente «${code}» fue dado de baja del directorio de la central; confirme el código con el cliente o avise al supervisor.`
        : `Código de cliente: el cliente «${code}» no existe en el directorio de la central; revise el código o avise al supervisor.`;
    },
  };
}
