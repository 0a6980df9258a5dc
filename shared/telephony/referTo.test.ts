import { describe, expect, it } from 'vitest';
import {
  attendedReferTarget,
  blindReferTarget,
  CASE_HEADER,
  uriHeaders,
  uriWithoutHeaders,
  withUriHeaders,
} from './referTo';

describe('Refer-To targets', () => {
  it('puts the case id in an escaped X-Companion-Case header of the URI', () => {
    expect(blindReferTarget('sip:26939901@companion.test', { caseId: 'CASE-42' })).toBe(
      'sip:26939901@companion.test?X-Companion-Case=CASE-42',
    );
    const odd = blindReferTarget('sip:26939901@pbx', { caseId: 'a b&c=d;é>' });
    expect(odd).toBe('sip:26939901@pbx?X-Companion-Case=a%20b%26c%3Dd%3B%C3%A9%3E');
    // What the transferee reads back is what the agent's form had.
    expect(uriHeaders(odd)).toEqual({ [CASE_HEADER]: 'a b&c=d;é>' });
    expect(uriWithoutHeaders(odd)).toBe('sip:26939901@pbx');
  });

  it('leaves the URI alone without a case id, and bounds a huge one', () => {
    expect(blindReferTarget('sip:26939901@pbx')).toBe('sip:26939901@pbx');
    expect(blindReferTarget('sip:26939901@pbx', { caseId: '   ' })).toBe('sip:26939901@pbx');
    const long = uriHeaders(blindReferTarget('sip:1@x', { caseId: 'x'.repeat(500) }));
    expect(long[CASE_HEADER]).toHaveLength(64);
  });

  it('names the consult dialog in Replaces as the target sees it (its tag is our remote tag)', () => {
    const target = attendedReferTarget('sip:2000@companion.test', {
      callId: 'abc@host',
      localTag: 'ours',
      remoteTag: 'theirs',
    });
    expect(target).toBe('sip:2000@companion.test?Replaces=abc%40host%3Bto-tag%3Dtheirs%3Bfrom-tag%3Dours');
    expect(uriHeaders(`<${target}>`)).toEqual({ Replaces: 'abc@host;to-tag=theirs;from-tag=ours' });
  });

  it('appends to headers already there and skips invalid names', () => {
    expect(withUriHeaders('sip:1@x?A=1', { B: '2', 'bad name': 'x', C: '' })).toBe('sip:1@x?A=1&B=2');
    expect(uriHeaders('sip:1@x?A=%E0%A4%A&B=2')).toEqual({ B: '2' });
  });
});
