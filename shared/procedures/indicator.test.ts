import { describe, expect, it } from 'vitest';
import { anulacionIndicator } from './indicator';

describe('seed 003 indicator: no anuladas × 100 / probables de anulación', () => {
  it('exactly 95 % is observado (≤ 95 %)', () => {
    expect(anulacionIndicator({ noAnuladas: 95, anuladas: 5 })).toEqual({
      noAnuladas: 95,
      anuladas: 5,
      total: 100,
      percent: 95,
      verdict: 'observado',
    });
    expect(anulacionIndicator({ noAnuladas: 19, anuladas: 1 }).verdict).toBe('observado');
  });

  it('96 % is aceptado (> 95 %)', () => {
    expect(anulacionIndicator({ noAnuladas: 96, anuladas: 4 })).toMatchObject({
      percent: 96,
      verdict: 'aceptado',
    });
    expect(anulacionIndicator({ noAnuladas: 24, anuladas: 1 })).toMatchObject({
      percent: 96,
      verdict: 'aceptado',
    });
  });

  it('just above 95 % is aceptado even when it rounds to 95.0', () => {
    expect(anulacionIndicator({ noAnuladas: 1901, anuladas: 99 })).toMatchObject({
      percent: 95.1,
      verdict: 'aceptado',
    });
    expect(anulacionIndicator({ noAnuladas: 19001, anuladas: 999 })).toMatchObject({
      percent: 95,
      verdict: 'aceptado',
    });
  });

  it('no ended cases: no verdict', () => {
    expect(anulacionIndicator({ noAnuladas: 0, anuladas: 0 })).toMatchObject({
      percent: null,
      verdict: 'sin_datos',
    });
  });
});
