import { describe, expect, it } from 'vitest';
import type { Customer } from '../directory/customer';
import { directoryFeedLineSchema, encodeFeedLine, encodeUpsertLine, type CustomerJson } from './directory';

const customer: Customer = {
  codigo: '100234',
  rut: '12345678-5',
  nombre: 'Comercial "Los Aromos"\nLtda',
  telefonos: ['+56912345678'],
  email: '',
  region: 'RM',
  comuna: 'Ñuñoa',
  calle: 'Irarrázaval',
  numero: '1234',
  bloqueos: [],
  codigoBloqueado: false,
  codigoNuevo: null,
  pedidoAbierto: null,
  addressKey: 'nunoa|1234',
};

describe('directory feed lines', () => {
  it('an upsert spliced from stored JSON is the line encodeFeedLine writes, and parses as the record', () => {
    const spliced = encodeUpsertLine(17, JSON.stringify(customer) as CustomerJson);
    expect(spliced).toBe(encodeFeedLine({ type: 'upsert', version: 17, customer }));
    expect(spliced.endsWith('\n')).toBe(true);
    expect(spliced.slice(0, -1)).not.toContain('\n');
    expect(directoryFeedLineSchema.parse(JSON.parse(spliced))).toEqual({
      type: 'upsert',
      version: 17,
      customer,
    });
  });

  it('PostgreSQL jsonb text (keys reordered, spaces) splices into a line that parses the same', () => {
    const jsonb = `{${Object.entries(customer)
      .reverse()
      .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(', ')}}` as CustomerJson;
    expect(directoryFeedLineSchema.parse(JSON.parse(encodeUpsertLine(3, jsonb)))).toEqual({
      type: 'upsert',
      version: 3,
      customer,
    });
  });
});
