import { describe, expect, it } from 'vitest';
import { addressKey, foldText } from './normalize';

describe('foldText', () => {
  it('folds accents, Ñ, case and spacing', () => {
    expect(foldText('Ñuñoa')).toBe('nunoa');
    expect(foldText('  Peñalolén  ')).toBe('penalolen');
    expect(foldText('VIÑA   DEL  MAR')).toBe('vina del mar');
    expect(foldText("Libertador B. O'Higgins")).toBe('libertador b o higgins');
  });
});

describe('addressKey', () => {
  it('makes "Ñuñoa 1234" and "nunoa 1234" the same address', () => {
    expect(addressKey('Ñuñoa', '1234')).toBe(addressKey('nunoa', ' 1234 '));
    expect(addressKey('Ñuñoa', '1234')).toBe('nunoa|1234');
  });

  it('keeps different numbers or comunas apart', () => {
    expect(addressKey('Ñuñoa', '1234')).not.toBe(addressKey('Ñuñoa', '1235'));
    expect(addressKey('Macul', '1234')).not.toBe(addressKey('Ñuñoa', '1234'));
  });

  it('reads a number with a letter the same with or without the dash', () => {
    expect(addressKey('San Miguel', '45-B')).toBe(addressKey('san miguel', '45 b'));
  });
});
