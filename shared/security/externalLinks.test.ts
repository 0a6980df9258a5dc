import { describe, expect, it } from 'vitest';
import { INVOICE_WIKI_URL, QUOTATION_FORM_URL } from '../requirements/guidance';
import { isAllowedExternalUrl, parseAllowList } from './externalLinks';

describe('isAllowedExternalUrl', () => {
  const allow = ['https://www.onlineencuesta.com/s/', 'https://intranet.empresa.cl/ayuda'];

  it('allows URLs under a listed origin and path prefix', () => {
    expect(isAllowedExternalUrl(QUOTATION_FORM_URL, allow)).toBe(true);
    expect(isAllowedExternalUrl('https://intranet.empresa.cl/ayuda', allow)).toBe(true);
    expect(isAllowedExternalUrl('https://intranet.empresa.cl/ayuda/zb#paso-2', allow)).toBe(true);
  });

  it('refuses everything else, and everything when the operator listed nothing', () => {
    for (const url of [
      'https://intranet.empresa.cl/ayudante',
      'https://intranet.empresa.cl/',
      'https://onlineencuesta.com/s/c526f7c',
      'https://www.onlineencuesta.com:8443/s/x',
      'https://www.onlineencuesta.com@evil.example/s/x',
      'https://a:b@www.onlineencuesta.com/s/x',
      'http://www.onlineencuesta.com/s/c526f7c',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url, allow), url).toBe(false);
    }
    expect(isAllowedExternalUrl(QUOTATION_FORM_URL, [])).toBe(false);
  });

  it('opens the http wiki only where the operator listed that http origin', () => {
    expect(isAllowedExternalUrl(INVOICE_WIKI_URL, allow)).toBe(false);
    expect(isAllowedExternalUrl(INVOICE_WIKI_URL, ['https://wikicc.abastible.cl/'])).toBe(false);
    expect(isAllowedExternalUrl(INVOICE_WIKI_URL, ['http://wikicc.abastible.cl/mediawiki/'])).toBe(true);
  });
});

describe('parseAllowList', () => {
  it('reads comma- or space-separated entries', () => {
    expect(parseAllowList(' https://a.cl/x, http://wiki/\nhttps://b.cl ')).toEqual([
      'https://a.cl/x',
      'http://wiki/',
      'https://b.cl',
    ]);
    expect(parseAllowList(undefined)).toEqual([]);
  });
});
