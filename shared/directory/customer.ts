/** A customer of the directory, as stored locally and served by the back office. */
export interface OpenOrder {
  id: string;
  status: string;
}

export interface Customer {
  /** Customer code, the directory's key. */
  codigo: string;
  /** Canonical RUT, "12345678-5". */
  rut: string;
  nombre: string;
  /** E.164 numbers, "+56912345678". */
  telefonos: string[];
  email: string;
  region: string;
  comuna: string;
  calle: string;
  numero: string;
  /** Normalised block codes as found on the record (order kept). */
  bloqueos: string[];
  /** "código bloqueado": the code was replaced and must not be used to take orders. */
  codigoBloqueado: boolean;
  codigoNuevo: string | null;
  pedidoAbierto: OpenOrder | null;
  /** comuna + número folded, for the address search. */
  addressKey: string;
}

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
