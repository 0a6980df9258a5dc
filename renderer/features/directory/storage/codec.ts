import type { Customer } from '../../../../shared/directory/customer';
import { addressKey, nameTokens, streetKey } from '../../../../shared/text/normalize';
import { NAME_KEY, kindKey, type IndexKind } from './layout';

/**
 * A stored record is a positional JSON array: about 40 % smaller than the object form (no field
 * names), which is what a million records' write time is made of. The address key is derived, so
 * it is not stored. Canonical: equal customers encode to equal strings (used to count "sin cambios").
 */
type Encoded = [
  codigo: string,
  rut: string,
  nombre: string,
  telefonos: string[],
  email: string,
  region: string,
  comuna: string,
  calle: string,
  numero: string,
  bloqueos: string[],
  codigoBloqueado: 0 | 1,
  codigoNuevo: string | null,
  pedido: [id: string, status: string] | null,
];

export function encodeCustomer(c: Customer): string {
  const row: Encoded = [
    c.codigo,
    c.rut,
    c.nombre,
    c.telefonos,
    c.email ?? '',
    c.region ?? '',
    c.comuna,
    c.calle ?? '',
    c.numero,
    c.bloqueos,
    c.codigoBloqueado === true ? 1 : 0,
    c.codigoNuevo ?? null,
    c.pedidoAbierto ? [c.pedidoAbierto.id, c.pedidoAbierto.status] : null,
  ];
  return JSON.stringify(row);
}

export function decodeCustomer(text: string): Customer {
  const [
    codigo,
    rut,
    nombre,
    telefonos,
    email,
    region,
    comuna,
    calle,
    numero,
    bloqueos,
    bloqueado,
    codigoNuevo,
    pedido,
  ] = JSON.parse(text) as Encoded;
  return {
    codigo,
    rut,
    nombre,
    telefonos,
    email,
    region,
    comuna,
    calle,
    numero,
    bloqueos,
    codigoBloqueado: bloqueado === 1,
    codigoNuevo,
    pedidoAbierto: pedido ? { id: pedido[0], status: pedido[1] } : null,
    addressKey: addressKey(comuna, numero),
  };
}

/**
 * Every index key of a customer, kind-prefixed ("c10000001", "r12345678-5", "p+569…",
 * "anunoa|1234", "sirarrazaval|1234") and its name words ("njuana", "nperez").
 */
export function indexKeysOf(c: Customer): string[] {
  const keys = [kindKey('c', c.codigo.toUpperCase()), kindKey('r', c.rut)];
  for (const phone of c.telefonos) keys.push(kindKey('p', phone));
  // The back office sends the address key; a record without one gets it computed the same way.
  const address = typeof c.addressKey === 'string' ? c.addressKey : addressKey(c.comuna, c.numero);
  if (address !== '|') keys.push(kindKey('a', address));
  const street = streetKey(c.calle ?? '', c.numero);
  if (!street.startsWith('|') && !street.endsWith('|')) keys.push(kindKey('s', street));
  for (const word of nameTokens(c.nombre)) keys.push(kindKey(NAME_KEY, word));
  return keys;
}

/** Confirms a candidate found through a hash really has the key (hashes collide, overlays go stale). */
export function customerHasKey(c: Customer, kind: IndexKind, value: string): boolean {
  switch (kind) {
    case 'c':
      return c.codigo.toUpperCase() === value;
    case 'r':
      return c.rut === value;
    case 'p':
      return c.telefonos.includes(value);
    case 'a':
      return c.addressKey === value;
    case 's':
      return streetKey(c.calle ?? '', c.numero) === value;
  }
}
