import type { Customer } from '../../../../shared/directory/customer';
import { addressKey } from '../../../../shared/text/normalize';

const COMUNAS = ['Ñuñoa', 'Maipú', 'Providencia', 'Concepción', 'Viña del Mar', 'Puerto Montt'];

/** Deterministic customers for storage tests: distinct code, RUT-like key and phone per index. */
export function testCustomer(i: number, overrides: Partial<Customer> = {}): Customer {
  const comuna = COMUNAS[i % COMUNAS.length]!;
  // Every 50 customers share a street number, so address lookups return several.
  const numero = String(100 + Math.floor(i / 50));
  const base: Customer = {
    codigo: String(10_000_000 + i),
    rut: `${5_000_000 + i}-${i % 10}`,
    nombre: `Cliente ${i}`,
    telefonos: [`+569${String(10_000_000 + i)}`],
    email: i % 3 === 0 ? '' : `c${i}@correo.cl`,
    region: 'RM',
    comuna,
    calle: 'Calle Larga',
    numero,
    bloqueos: i % 7 === 0 ? ['Z1'] : [],
    codigoBloqueado: false,
    codigoNuevo: null,
    pedidoAbierto: i % 11 === 0 ? { id: `PED-${i}`, status: 'En ruta' } : null,
    addressKey: addressKey(comuna, numero),
  };
  const customer = { ...base, ...overrides };
  return { ...customer, addressKey: addressKey(customer.comuna, customer.numero) };
}
