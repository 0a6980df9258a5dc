import { describe, expect, it, vi } from 'vitest';
import { createExternalOpener, isAllowedExternalUrl } from './externalLinks';
import { createLogger } from './logger';

vi.mock('electron', () => ({}));

describe('isAllowedExternalUrl', () => {
  const allow = ['https://www.sec.cl/', 'https://intranet.empresa.cl/ayuda'];

  it('allows https URLs under a listed prefix', () => {
    expect(isAllowedExternalUrl('https://www.sec.cl/', allow)).toBe(true);
    expect(isAllowedExternalUrl('https://www.sec.cl/tramites?x=1', allow)).toBe(true);
    expect(isAllowedExternalUrl('https://intranet.empresa.cl/ayuda', allow)).toBe(true);
    expect(isAllowedExternalUrl('https://intranet.empresa.cl/ayuda/zb#paso-2', allow)).toBe(true);
  });

  it('refuses everything else, and everything when the operator listed nothing', () => {
    for (const url of [
      'https://intranet.empresa.cl/ayudante',
      'https://intranet.empresa.cl/',
      'https://sec.cl/',
      'https://www.sec.cl:8443/',
      'https://www.sec.cl@evil.example/',
      'https://a:b@www.sec.cl/',
      'http://www.sec.cl/',
      'ms-settings:privacy',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url, allow), url).toBe(false);
    }
    expect(isAllowedExternalUrl('https://www.sec.cl/', [])).toBe(false);
    expect(isAllowedExternalUrl('https://www.sec.cl/', ['not a url', 'http://www.sec.cl/'])).toBe(false);
  });
});

describe('createExternalOpener', () => {
  it('calls openExternal only for allowed links and logs refusals', async () => {
    const lines: string[] = [];
    const logger = createLogger({ filePath: null, stderr: { write: (s: string) => lines.push(s) } });
    const openExternal = vi.fn(async () => undefined);
    const opener = createExternalOpener({
      allowList: () => ['https://www.sec.cl/'],
      openInBrowser: openExternal,
      logger,
    });
    expect(opener.open('https://www.sec.cl/x')).toBe(true);
    expect(opener.open('https://evil.example/')).toBe(false);
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.sec.cl/x');
    expect(lines.join('')).toContain('external link blocked');
  });
});
