// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RendererBridge } from '../../shared/ipc/contract';
import { DEFAULT_DESKTOP_SETTINGS } from '../../test/fixtures/desktop';
import { electronPlatform } from './electron';

const bridgeWith = (externalLinks: string[]) =>
  ({
    desktopSettingsGet: async () => ({ ...DEFAULT_DESKTOP_SETTINGS, externalLinks }),
  }) as unknown as RendererBridge;

describe('Electron platform: openExternal', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands an allow-listed link to main (which opens it in the system browser)', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const platform = electronPlatform(bridgeWith(['https://www.onlineencuesta.com/s/']));
    expect(await platform.openExternal('https://www.onlineencuesta.com/s/c526f7c')).toEqual({ opened: true });
    expect(open).toHaveBeenCalledWith(
      'https://www.onlineencuesta.com/s/c526f7c',
      '_blank',
      'noopener,noreferrer',
    );
  });

  it('tells the agent why a link the operator did not list is not opened', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const platform = electronPlatform(bridgeWith([]));
    expect(await platform.openExternal('https://www.onlineencuesta.com/s/c526f7c')).toEqual({
      opened: false,
      reason: expect.stringMatching(/no autorizó abrir este enlace/),
    });
    expect(open).not.toHaveBeenCalled();
  });
});
