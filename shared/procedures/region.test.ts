import { describe, expect, it } from 'vitest';
import { isRegionalRegion } from './region';

describe('cliente de regiones', () => {
  it('is anything outside the Región Metropolitana, however it is written', () => {
    expect(isRegionalRegion('Metropolitana de Santiago')).toBe(false);
    expect(isRegionalRegion('RM')).toBe(false);
    expect(isRegionalRegion(' región metropolitana ')).toBe(false);
    expect(isRegionalRegion('XIII')).toBe(false);
    expect(isRegionalRegion('Biobío')).toBe(true);
    expect(isRegionalRegion("Libertador General Bernardo O'Higgins")).toBe(true);
    expect(isRegionalRegion('')).toBeNull();
    expect(isRegionalRegion(null)).toBeNull();
  });
});
