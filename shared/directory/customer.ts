import { z } from 'zod';

const openOrderSchema = z.object({ id: z.string(), status: z.string() });

/**
 * A customer of the directory, as stored locally and served by the back office (the directory
 * feed's `customer`). Extra fields are dropped, never an error: a newer server may add some.
 */
export const customerSchema = z
  .object({
    /** Customer code, the directory's key. */
    codigo: z.string().min(1),
    /** Canonical RUT, "12345678-5". */
    rut: z.string(),
    nombre: z.string(),
    /** E.164 numbers, "+56912345678". */
    telefonos: z.array(z.string()),
    email: z.string(),
    region: z.string(),
    comuna: z.string(),
    calle: z.string(),
    numero: z.string(),
    /** Normalised block codes as found on the record (order kept). */
    bloqueos: z.array(z.string()),
    /** "código bloqueado": the code was replaced and must not be used to take orders. */
    codigoBloqueado: z.boolean(),
    codigoNuevo: z.string().nullable(),
    pedidoAbierto: openOrderSchema.nullable(),
    /** comuna + número folded, for the address search. */
    addressKey: z.string(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;

export const DIRECTORY_COLUMNS = [
  'codigo',
  'rut',
  'nombre',
  'telefonos',
  'email',
  'region',
  'comuna',
  'calle',
  'numero',
  'bloqueos',
  'codigo_bloqueado',
  'codigo_nuevo',
  'pedido_abierto',
] as const;

export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];

/** True when the customer may be used to take an order (no block, code not replaced). */
export function isEnabledForOrders(customer: Customer): boolean {
  return !customer.codigoBloqueado && customer.bloqueos.length === 0;
}
