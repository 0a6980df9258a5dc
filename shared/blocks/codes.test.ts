import { describe, expect, it } from 'vitest';
import { KNOWN_BLOCK_CODES, classifyBlockCode, isTelecobranzasCode, normalizeBlockCode } from './codes';

describe('isTelecobranzasCode (the TC-format rule of seed 000)', () => {
  it.each(['Z1', '2M', '2C', 'CÑ', '4A', 'CL'])('accepts %s, the codes the seed names', (code) => {
    expect(isTelecobranzasCode(code)).toBe(true);
  });

  it.each(['z1', '2m', 'cñ', 'cl', ' CL', 'CL ', ' cl ', '\t4a\n'])(
    'tolerates case and surrounding spaces: %j',
    (code) => {
      expect(isTelecobranzasCode(code)).toBe(true);
    },
  );

  it('accepts other two-character letter/digit codes of the same format', () => {
    for (const code of ['3B', 'AB', '7K', 'ÑA']) expect(isTelecobranzasCode(code), code).toBe(true);
  });

  it('accepts CÑ however its Ñ is encoded (composed or N + combining tilde)', () => {
    expect(isTelecobranzasCode('C\u00D1')).toBe(true);
    expect(isTelecobranzasCode('CN\u0303')).toBe(true);
  });

  it.each(['Z0', 'ZA', 'Z3', 'Z4', 'Z5', 'Z9', 'ZB'])(
    'rejects %s: a block of its own, not collections',
    (code) => {
      expect(isTelecobranzasCode(code)).toBe(false);
    },
  );

  it.each(['Z7', 'Z2', 'ZZ', 'z7'])('rejects %s: an unknown Z-code is not sent to Telecobranzas', (code) => {
    expect(isTelecobranzasCode(code)).toBe(false);
  });

  it.each(['Z1A', '2MC', 'ABC', 'C', '1', 'Z', '', '   ', '2-', 'C#', '@1', '2 M', 'C.L', 'É1'])(
    'rejects %j (length or symbols)',
    (code) => {
      expect(isTelecobranzasCode(code)).toBe(false);
    },
  );
});

describe('normalizeBlockCode', () => {
  it('trims and upper-cases, keeping Ñ', () => {
    expect(normalizeBlockCode('  cñ ')).toBe('CÑ');
    expect(normalizeBlockCode(' cl ')).toBe('CL');
    expect(normalizeBlockCode('zb')).toBe('ZB');
  });
});

describe('classifyBlockCode', () => {
  it('knows every block code of seed 000', () => {
    expect([...KNOWN_BLOCK_CODES].sort()).toEqual(['Z0', 'Z1', 'Z3', 'Z4', 'Z5', 'Z9', 'ZA', 'ZB']);
  });

  it.each(['Z0', 'ZA', 'Z3', 'Z4', 'Z5', 'Z9', 'ZB'])('classifies %s as its own known block', (code) => {
    expect(classifyBlockCode(code)).toEqual({ kind: 'known', code });
    expect(classifyBlockCode(` ${code.toLowerCase()} `)).toEqual({ kind: 'known', code });
  });

  it('classifies Z1 and the TC-format codes as collections, normalised', () => {
    expect(classifyBlockCode('Z1')).toEqual({ kind: 'telecobranzas', code: 'Z1' });
    expect(classifyBlockCode(' cl ')).toEqual({ kind: 'telecobranzas', code: 'CL' });
    expect(classifyBlockCode('cñ')).toEqual({ kind: 'telecobranzas', code: 'CÑ' });
    expect(classifyBlockCode('2M')).toEqual({ kind: 'telecobranzas', code: '2M' });
  });

  it('classifies anything else as unknown, keeping the code for the supervisor', () => {
    expect(classifyBlockCode('Z7')).toEqual({ kind: 'unknown', code: 'Z7' });
    expect(classifyBlockCode('abc')).toEqual({ kind: 'unknown', code: 'ABC' });
    expect(classifyBlockCode('#')).toEqual({ kind: 'unknown', code: '#' });
  });
});
