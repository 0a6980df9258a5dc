import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { customerSchema } from '../directory/customer';
import { directoryFeedLineSchema } from './directory';
import { guardFor } from './guard';

const customer = {
  codigo: '100234',
  rut: '12345678-5',
  nombre: 'María González',
  telefonos: ['+56912345678'],
  email: '',
  region: 'RM',
  comuna: 'Ñuñoa',
  calle: 'Irarrázaval',
  numero: '1234',
  bloqueos: ['ZB'],
  codigoBloqueado: false,
  codigoNuevo: null,
  pedidoAbierto: { id: 'PED-1', status: 'En ruta' },
  addressKey: 'nunoa|1234',
};

const WRONG_VALUES: unknown[] = [undefined, null, '', 'x', 0, 1.5, -1, true, [], ['x'], [1], {}, { id: 1 }];

/** Every value with one field (at any depth) replaced by each wrong value, or removed. */
function* mutations(value: unknown): Generator<unknown> {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    const original = (value as Record<string, unknown>)[key];
    for (const wrong of WRONG_VALUES) {
      if (wrong === undefined) {
        const { [key]: _removed, ...rest } = value as Record<string, unknown>;
        yield rest;
      } else
        yield Array.isArray(value)
          ? value.map((v, i) => (String(i) === key ? wrong : v))
          : { ...value, [key]: wrong };
    }
    for (const inner of mutations(original)) {
      yield Array.isArray(value)
        ? value.map((v, i) => (String(i) === key ? inner : v))
        : { ...value, [key]: inner };
    }
  }
}

describe('guardFor: the compiled check says what zod says', () => {
  it('on customers and every one-field mutation of them', () => {
    const guard = guardFor(customerSchema);
    const samples = [customer, { ...customer, pedidoAbierto: null, codigoNuevo: '900001', extra: 1 }];
    let compared = 0;
    for (const sample of samples) {
      for (const value of [sample, ...mutations(sample)]) {
        expect(guard(value), JSON.stringify(value)).toBe(customerSchema.safeParse(value).success);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('on every kind of feed line, and lines of kinds the app does not know', () => {
    const guard = guardFor(directoryFeedLineSchema);
    const lines = [
      { type: 'header', since: 0, cursor: 10, count: 9, snapshot: true },
      { type: 'upsert', version: 3, customer },
      { type: 'delete', version: 4, codigo: '100234' },
      { type: 'end', cursor: 10, count: 9 },
      { type: 'rename', version: 5, from: 'a', to: 'b' },
      'upsert',
      null,
      [],
    ];
    for (const line of lines) {
      for (const value of [line, ...mutations(line)]) {
        expect(guard(value), JSON.stringify(value)).toBe(directoryFeedLineSchema.safeParse(value).success);
      }
    }
  });

  it('refuses, when built, a schema whose parse changes the value or uses what it cannot check', () => {
    expect(() => guardFor(z.object({ n: z.number().default(0) }))).toThrow(/changes what it parses/);
    expect(() => guardFor(z.object({ s: z.string().transform((s) => s.length) }))).toThrow();
    expect(() => guardFor(z.record(z.string(), z.number()))).toThrow(/unsupported/);
  });
});
