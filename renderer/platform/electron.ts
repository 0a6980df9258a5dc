import type { MainApi } from '../../shared/ipc/contract';
import type { Platform } from './types';

export function electronPlatform(bridge: MainApi): Platform {
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
    // browser (electron/: the operator's companion.json); it is the one that decides here.
    openExternal: async (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
      return { opened: true };
    },
  };
}
