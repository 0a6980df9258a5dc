// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webPlatform } from './web';

const env = (body: object) =>
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(body), { status: 200 }));

describe('web platform: openExternal', () => {
  afterEach(() => vi.restoreAllMocks());

  it('opens an allow-listed link in a new tab without a handle on this window', async () => {
    env({ externalLinks: 'https://www.onlineencuesta.com/s/, http://wikicc.abastible.cl/mediawiki/' });
    const open = vi.fn(() => null);
    const platform = webPlatform(window.localStorage, { open } as unknown as Window);
    expect(await platform.openExternal('https://www.onlineencuesta.com/s/c526f7c')).toEqual({ opened: true });
    expect(open).toHaveBeenCalledWith(
      'https://www.onlineencuesta.com/s/c526f7c',
      '_blank',
      'noopener,noreferrer',
    );
  });

  it('refuses, in Spanish, a link the operator did not list (and everything when nothing is listed)', async () => {
    env({});
    const open = vi.fn(() => null);
    const platform = webPlatform(window.localStorage, { open } as unknown as Window);
    const result = await platform.openExternal('https://www.onlineencuesta.com/s/c526f7c');
    expect(result).toEqual({ opened: false, reason: expect.stringMatching(/no autorizó abrir este enlace/) });
    expect(await platform.openExternal('javascript:alert(1)')).toMatchObject({ opened: false });
    expect(open).not.toHaveBeenCalled();
  });
});
