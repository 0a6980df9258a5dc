import { describe, expect, it } from 'vitest';
import { addressKey, foldText, nameMatches, nameTokens, streetKey } from './normalize';

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

describe('streetKey', () => {
  it('ignores accents, case and the street type word', () => {
    expect(streetKey('Av. Irarrázaval', '4410')).toBe('irarrazaval|4410');
    expect(streetKey('irarrazaval', ' 4410 ')).toBe('irarrazaval|4410');
    expect(streetKey('Avenida Grecia', '8450')).toBe(streetKey('Grecia', '8450'));
    expect(streetKey('Pasaje Los Olmos', '12')).toBe('los olmos|12');
  });
  it('keeps a street whose name is only a type word', () => {
    expect(streetKey('Camino', '5')).toBe('camino|5');
  });
});

describe('nameTokens and nameMatches', () => {
  it('folds the name into unique words of two letters or more', () => {
    expect(nameTokens('María José Pérez Pérez')).toEqual(['maria', 'jose', 'perez']);
    expect(nameTokens('Comercial Ñandú E.I.R.L.')).toEqual(['comercial', 'nandu']);
  });
  it('matches every query word as the start of a word, in any order', () => {
    expect(nameMatches('Juana Pérez Soto', ['perez', 'juana'])).toBe(true);
    expect(nameMatches('Juana Pérez Soto', ['jua', 'so'])).toBe(true);
    expect(nameMatches('Juana Pérez Soto', ['juana', 'rojas'])).toBe(false);
    expect(nameMatches('Juana Pérez Soto', ['erez'])).toBe(false);
  });
});
