import type { RendererBridge } from '../../shared/ipc/contract';
import { isAllowedExternalUrl, LINK_NOT_ALLOWED } from '../../shared/security/externalLinks';
import type { Platform } from './types';

export function electronPlatform(bridge: RendererBridge): Platform {
  return {
    kind: 'electron',
    appInfo: () => bridge.getAppInfo(),
    secretGet: (key) => bridge.secretGet(key),
    secretSet: (key, value) => bridge.secretSet(key, value),
    secretDelete: (key) => bridge.secretDelete(key),
    envDefaults: async () => ({}),
    log: (level, message, fields = {}) => {
      void bridge.log(level, message, fields).catch(() => undefined);
    },
    // The main process denies every new window and sends only allow-listed links to the system
    // browser (electron/externalLinks.ts, the operator's companion.json); it is the one that
    // decides. The same list is checked here first so a refusal is explained to the agent.
    openExternal: async (url) => {
      const { externalLinks } = await bridge.desktopSettingsGet();
      if (!isAllowedExternalUrl(url, externalLinks)) return { opened: false, reason: LINK_NOT_ALLOWED };
      window.open(url, '_blank', 'noopener,noreferrer');
      return { opened: true };
    },
    recentLogLines: () => [],
    desktop: bridge,
  };
}
