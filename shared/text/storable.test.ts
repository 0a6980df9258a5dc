import { describe, expect, it } from 'vitest';
import { INVALID_TEXT_MESSAGE, cutText, isStorableText, storableString, toStorableText } from './storable';

const EMOJI = '😀'; // two UTF-16 code units

describe('storable text', () => {
  it('refuses NUL and either half of a surrogate pair alone, keeps whole emoji and accents', () => {
    expect(isStorableText('María Ñuñoa 😀 ok')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText(`x${EMOJI[0]}`)).toBe(false);
    expect(isStorableText(`${EMOJI[1]}x`)).toBe(false);
    expect(isStorableText(`${EMOJI[1]}${EMOJI[0]}`)).toBe(false);
    expect(isStorableText('')).toBe(true);
  });

  it('the zod string says why in Spanish', () => {
    const result = storableString().max(10).safeParse('a\u0000');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe(INVALID_TEXT_MESSAGE);
  });

  it('makes bad text printable for a message', () => {
    expect(toStorableText(`a\u0000b${EMOJI[0]}c`)).toBe('ab\uFFFDc');
  });
});

describe('cutText', () => {
  it('cuts by code point: an emoji at the limit is kept or dropped whole, never split', () => {
    const text = `${'a'.repeat(249)}${EMOJI}tail`;
    const cut = cutText(text, 250);
    expect(cut).toBe(`${'a'.repeat(249)}${EMOJI}`);
    expect(isStorableText(cut)).toBe(true);
    expect(cutText(EMOJI.repeat(3), 2)).toBe(EMOJI.repeat(2));
    expect(cutText('corto', 250)).toBe('corto');
    // A lone surrogate already in the input counts as one code point and is not glued to anything.
    expect(cutText(`${EMOJI[0]}b`, 1)).toBe(EMOJI[0]);
  });
});
