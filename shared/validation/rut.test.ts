import { describe, expect, it } from 'vitest';
import { canonicalRut, displayRut, isValidRut, wrongRutCheckDigit } from './rut';

describe('isValidRut', () => {
  it.each(['12.345.678-5', '12345678-5', '123456785', ' 12.345.678-5 ', '9.876.543-3', '9876543-3', '1-9'])(
    'accepts %j',
    (rut) => {
      expect(isValidRut(rut)).toBe(true);
    },
  );

  it.each(['10.000.013-K', '10.000.013-k', '10000013-K', '10000013k', '77.345.678-K'])(
    'accepts the check digit K or k: %j',
    (rut) => {
      expect(isValidRut(rut)).toBe(true);
    },
  );

  it.each(['12.345.678-4', '12.345.678-K', '123456784', '10.000.013-0', '10000013-1'])(
    'rejects a wrong check digit: %j',
    (rut) => {
      expect(isValidRut(rut)).toBe(false);
    },
  );

  it.each([
    '',
    '   ',
    'abc',
    '12.345.678',
    '-5',
    'K',
    '12,345,678-5',
    '12.345.678-5-5',
    '12 345 678-5',
    '12.3456.78-5',
    '12.345.678-X',
    '0-0',
    '00000000-0',
    '12345678 - 5',
    'RUT 12.345.678-5',
  ])('rejects garbage: %j', (rut) => {
    expect(isValidRut(rut)).toBe(false);
  });
});

describe('canonicalRut', () => {
  it('stores digits, dash, upper-case check digit, no dots', () => {
    expect(canonicalRut('12.345.678-5')).toBe('12345678-5');
    expect(canonicalRut('123456785')).toBe('12345678-5');
    expect(canonicalRut('10.000.013-k')).toBe('10000013-K');
    expect(canonicalRut(' 9876543-3 ')).toBe('9876543-3');
  });

  it('gives null for an invalid RUT', () => {
    expect(canonicalRut('12.345.678-4')).toBeNull();
    expect(canonicalRut('hola')).toBeNull();
  });
});

describe('displayRut', () => {
  it('shows dots and dash', () => {
    expect(displayRut('12345678-5')).toBe('12.345.678-5');
    expect(displayRut('10000013-K')).toBe('10.000.013-K');
    expect(displayRut('9876543-3')).toBe('9.876.543-3');
  });
});

describe('wrongRutCheckDigit', () => {
  it('says which digit a RUT written as one should end in', () => {
    expect(wrongRutCheckDigit('12.345.678-9')).toEqual({ body: '12345678', expected: '5' });
    expect(wrongRutCheckDigit('12345678-9')).toEqual({ body: '12345678', expected: '5' });
    expect(wrongRutCheckDigit('10.000.013-1')).toEqual({ body: '10000013', expected: 'K' });
  });

  it('says nothing for a valid RUT or for text not written as a RUT (a phone, a code)', () => {
    expect(wrongRutCheckDigit('12.345.678-5')).toBeNull();
    expect(wrongRutCheckDigit('987654321')).toBeNull();
    expect(wrongRutCheckDigit('90000001')).toBeNull();
    expect(wrongRutCheckDigit('Ñuñoa 1234')).toBeNull();
  });
});
