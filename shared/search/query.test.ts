import { describe, expect, it } from 'vitest';
import { SEARCH_KEY_LABEL, interpretQuery, queryProblem, type SearchKey } from './query';

const by = (input: string, kind: SearchKey['by']) =>
  interpretQuery(input)
    .filter((k) => k.by === kind)
    .map((k) => k.value);

describe('interpretQuery', () => {
  it('reads nothing from an empty box', () => {
    expect(interpretQuery('')).toEqual([]);
    expect(interpretQuery('   ')).toEqual([]);
  });

  it.each([
    ['+56 9 8765 4321', '+56987654321'],
    ['987654321', '+56987654321'],
    ['0056987654321', '+56987654321'],
    ['(2) 2693 9901', '+56226939901'],
    ['226939901', '+56226939901'],
  ])('reads the phone %j as %s', (input, e164) => {
    expect(by(input, 'phone')).toEqual([e164]);
  });

  it('reads a phone written with spaces and parentheses as a phone only', () => {
    expect(interpretQuery('(2) 2693 9901')).toEqual([{ by: 'phone', value: '+56226939901' }]);
    expect(interpretQuery('+56 9 8765 4321')).toEqual([{ by: 'phone', value: '+56987654321' }]);
  });

  it.each(['12.345.678-5', '12345678-5', '123456785', ' 12.345.678-5 '])(
    'reads the RUT %j canonically',
    (input) => {
      expect(by(input, 'rut')).toEqual(['12345678-5']);
    },
  );

  it('reads RUTs with K or k', () => {
    expect(by('10.000.013-k', 'rut')).toEqual(['10000013-K']);
    expect(by('10000013K', 'rut')).toEqual(['10000013-K']);
  });

  it('does not read a RUT whose check digit is wrong', () => {
    expect(by('12.345.678-4', 'rut')).toEqual([]);
    expect(interpretQuery('12.345.678-4')).toEqual([]);
  });

  it('reads a customer code, upper-cased', () => {
    expect(by('90000001', 'codigo')).toEqual(['90000001']);
    expect(by('ab-123', 'codigo')).toEqual(['AB-123']);
  });

  it('runs every valid reading of an ambiguous box (RUT without dash or code)', () => {
    const kinds = interpretQuery('123456785').map((k) => k.by);
    expect(kinds).toEqual(expect.arrayContaining(['rut', 'codigo']));
  });

  it('reads "comuna número" as an address, ignoring accents, case and spacing', () => {
    const key = by('Ñuñoa 1234', 'address');
    expect(key).toEqual(['nunoa|1234']);
    expect(by('nunoa 1234', 'address')).toEqual(key);
    expect(by('  ÑUÑOA   1234 ', 'address')).toEqual(key);
    expect(by('Viña del Mar 1029', 'address')).toEqual(['vina del mar|1029']);
    expect(by('Peñalolén 8450', 'address')).toEqual(['penalolen|8450']);
    expect(by('San Miguel 45-B', 'address')).toEqual(['san miguel|45b']);
  });

  it('reads no address without a comuna or without a number', () => {
    expect(by('Ñuñoa', 'address')).toEqual([]);
    expect(by('1234', 'address')).toEqual([]);
  });

  it('labels each key in Spanish', () => {
    expect(SEARCH_KEY_LABEL).toEqual({
      phone: 'teléfono',
      rut: 'RUT',
      codigo: 'código',
      address: 'dirección',
      street: 'calle y número',
      name: 'nombre',
    });
  });
});

describe('queryProblem', () => {
  it('tells which RUT the numbers of a wrong check digit would make', () => {
    expect(queryProblem('15.234.871-2')).toBe(
      'El RUT 15.234.871-2 tiene el dígito verificador equivocado: con esos números sería 15.234.871-1. Revíselo con el cliente.',
    );
  });
  it('says nothing about a valid RUT, a phone, a code or an address', () => {
    for (const q of ['15.234.871-1', '+56 9 8765 4321', '90000001', 'Ñuñoa 1234'])
      expect(queryProblem(q)).toBeNull();
  });
});

describe('interpretQuery: streets and names', () => {
  it('reads "calle número" as a street, without accents or the street type', () => {
    expect(interpretQuery('Irarrázaval 4410')).toContainEqual({ by: 'street', value: 'irarrazaval|4410' });
    expect(interpretQuery('av. irarrazaval 4410')).toContainEqual({
      by: 'street',
      value: 'irarrazaval|4410',
    });
  });

  it('reads "comuna calle número" with the comuna apart, however many words it has', () => {
    expect(interpretQuery('Ñuñoa Irarrázaval 4410')).toContainEqual({
      by: 'street',
      value: 'irarrazaval|4410',
      comuna: 'nunoa',
    });
    expect(interpretQuery('Viña del Mar Av. Libertad 1029')).toContainEqual({
      by: 'street',
      value: 'libertad|1029',
      comuna: 'vina del mar',
    });
  });

  it('reads words without digits as a name: folded, unique, each a prefix', () => {
    expect(by('Pérez Juana', 'name')).toEqual(['perez juana']);
    expect(by('jua per', 'name')).toEqual(['jua per']);
    expect(by('ÁNGELA  ángela', 'name')).toEqual(['angela']);
  });

  it('reads no name from digits, one letter or two-letter words alone', () => {
    expect(by('90000001', 'name')).toEqual([]);
    expect(by('Ñuñoa 1234', 'name')).toEqual([]);
    expect(by('a', 'name')).toEqual([]);
    expect(by('ma jo', 'name')).toEqual([]);
  });
});
