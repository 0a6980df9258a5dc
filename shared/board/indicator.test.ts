import { describe, expect, it } from 'vitest';
import { anulacionIndicator } from './indicator';

describe('seed 003 indicator (no anuladas × 100 / probables de anulación)', () => {
  it('is "observado" at exactly 95 % and "aceptado" at 96 %', () => {
    expect(anulacionIndicator(95, 100)).toEqual({
      notCancelled: 95,
      atRisk: 100,
      percent: 95,
      verdict: 'observado',
    });
    expect(anulacionIndicator(96, 100)).toEqual({
      notCancelled: 96,
      atRisk: 100,
      percent: 96,
      verdict: 'aceptado',
    });
    // 19 of 20 is 95 % too: "menor o igual a 95 %" is observado, whatever floating point says.
    expect(anulacionIndicator(19, 20).verdict).toBe('observado');
    expect(anulacionIndicator(191, 200).verdict).toBe('aceptado'); // 95.5 %
  });

  it('has no verdict for a period where nothing concluded', () => {
    expect(anulacionIndicator(0, 0)).toEqual({ notCancelled: 0, atRisk: 0, percent: null, verdict: null });
  });
});
