/**
 * Block codes as the order-taking system writes them: two characters, letters (Ñ included) or digits.
 *
 * Seed 000: Z1 is the collections (Telecobranzas) block, and "siglas de 2 letras y números como
 * (2M) (2C) (CÑ) (4A) (CL) y otras que tienen este mismo formato" are collections blocks too.
 * The Z-family (Z + one character) names the other blocks; a Z-code we do not know is NOT read as
 * collections, because sending an unknown Z block to Telecobranzas would route the case wrongly.
 */
export type KnownBlockCode = 'Z0' | 'Z1' | 'Z3' | 'Z4' | 'Z5' | 'Z9' | 'ZA' | 'ZB';

export const KNOWN_BLOCK_CODES: readonly KnownBlockCode[] = ['Z0', 'Z1', 'Z3', 'Z4', 'Z5', 'Z9', 'ZA', 'ZB'];

/** Trims and upper-cases ("  cñ " → "CÑ"); toUpperCase keeps Ñ. */
export function normalizeBlockCode(raw: string): string {
  return raw.normalize('NFC').trim().toUpperCase();
}

const TWO_CHAR_CODE = /^[A-ZÑ0-9]{2}$/;

/** The TC-format rule: Z1, or any two-character letter/digit code outside the Z-family. */
export function isTelecobranzasCode(raw: string): boolean {
  const code = normalizeBlockCode(raw);
  if (code === 'Z1') return true;
  return TWO_CHAR_CODE.test(code) && !code.startsWith('Z');
}

export type BlockClass =
  | { kind: 'known'; code: KnownBlockCode }
  | { kind: 'telecobranzas'; code: string }
  | { kind: 'unknown'; code: string };

/** Which pop-up a raw code leads to. Z1 and TC-format codes share the collections pop-up. */
export function classifyBlockCode(raw: string): BlockClass {
  const code = normalizeBlockCode(raw);
  if (isTelecobranzasCode(code)) return { kind: 'telecobranzas', code };
  if ((KNOWN_BLOCK_CODES as readonly string[]).includes(code))
    return { kind: 'known', code: code as KnownBlockCode };
  return { kind: 'unknown', code };
}
