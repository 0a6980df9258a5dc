import type { RendererBridge } from '../../shared/ipc/contract';
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
    recentLogLines: () => [],
    desktop: bridge,
  };
}
