import { describe, expect, it } from 'vitest';
import { isValidPhone, normalizeChileanPhone } from './phone';

describe('normalizeChileanPhone', () => {
  it.each([
    ['+56 9 8765 4321', '+56987654321'],
    ['987654321', '+56987654321'],
    ['0056987654321', '+56987654321'],
    ['0056 9 8765 4321', '+56987654321'],
    ['+56987654321', '+56987654321'],
    ['56987654321', '+56987654321'],
    ['9 8765 4321', '+56987654321'],
    ['+56-9-8765-4321', '+56987654321'],
    ['  987654321  ', '+56987654321'],
  ])('reads the mobile %j as %s', (input, e164) => {
    expect(normalizeChileanPhone(input)).toBe(e164);
  });

  it.each([
    ['(2) 2693 9901', '+56226939901'],
    ['226939901', '+56226939901'],
    ['2 2693 9901', '+56226939901'],
    ['+56 2 2693 9901', '+56226939901'],
    ['0056226939901', '+56226939901'],
  ])('reads the Santiago landline %j as %s', (input, e164) => {
    expect(normalizeChileanPhone(input)).toBe(e164);
  });

  it('reads a regional landline with its area code', () => {
    expect(normalizeChileanPhone('(41) 222 3344')).toBe('+56412223344');
  });

  it('gives every written form of one number the same key, so a search by phone finds it', () => {
    const forms = ['+56 9 5888 1200', '958881200', '0056958881200', '9 5888 1200', '+56958881200'];
    expect(new Set(forms.map(normalizeChileanPhone))).toEqual(new Set(['+56958881200']));
  });

  it('rejects 26939901: eight digits, the Santiago number written without its area code 2 (invalid since 2013)', () => {
    expect(normalizeChileanPhone('26939901')).toBeNull();
  });

  it("accepts the literal examples of issue 2 (the number plan, not the carriers' ranges, decides)", () => {
    for (const input of ['+56 9 1234 5678', '912345678', '0056912345678'])
      expect(normalizeChileanPhone(input), input).toBe('+56912345678');
    for (const input of ['(2) 2693 9901', '226939901'])
      expect(normalizeChileanPhone(input), input).toBe('+56226939901');
  });

  it.each(['abc', '98765432a', '+56 9 8765 4321 anexo 2', 'nueve ocho siete', '9876-5432x'])(
    'rejects letters: %j',
    (input) => {
      expect(normalizeChileanPhone(input)).toBeNull();
    },
  );

  it.each(['', '   ', '1234', '98765432', '9876543210', '+56', '00'])(
    'rejects too short or too long: %j',
    (input) => {
      expect(normalizeChileanPhone(input)).toBeNull();
    },
  );

  it.each(['<script>', '9876;54321', '98765432#', '+56*987654321'])('rejects symbols: %j', (input) => {
    expect(normalizeChileanPhone(input)).toBeNull();
  });

  it('accepts a valid foreign number written with its country code (a customer may give one)', () => {
    expect(normalizeChileanPhone('+1 202 555 0123')).toBe('+12025550123');
  });
});

describe('isValidPhone', () => {
  it('agrees with normalizeChileanPhone', () => {
    expect(isValidPhone('+56 9 8765 4321')).toBe(true);
    expect(isValidPhone('(2) 2693 9901')).toBe(true);
    expect(isValidPhone('26939901')).toBe(false);
    expect(isValidPhone('hola')).toBe(false);
  });
});
