import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

describe('countOf', () => {
  it('agrees with one and with many, and writes the number as es-CL does', () => {
    expect(countOf(1, 'cliente en el directorio', 'clientes en el directorio')).toBe(
      '1 cliente en el directorio',
    );
    expect(countOf(0, 'cliente', 'clientes')).toBe('0 clientes');
    expect(countOf(2, 'cliente', 'clientes')).toBe('2 clientes');
    expect(countOf(1234567, 'cliente', 'clientes')).toBe('1.234.567 clientes');
  });
});
