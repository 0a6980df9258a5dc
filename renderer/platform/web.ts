import type { EnvDefaults, Platform } from './types';

const SECRET_PREFIX = 'companion.secret.';
/** Lines kept for "Copiar diagnóstico" in web mode (there is no log file). */
const KEPT_LOG_LINES = 60;

/** Web mode: secrets in the browser's storage (documented limitation), logs to the console. */
export function webPlatform(storage: Storage = window.localStorage): Platform {
  const recent: string[] = [];
  return {
    kind: 'web',
    appInfo: async () => ({
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      platform: 'web',
      electron: null,
    }),
    secretGet: async (key) => storage.getItem(SECRET_PREFIX + key),
    secretSet: async (key, value) => storage.setItem(SECRET_PREFIX + key, value),
    secretDelete: async (key) => storage.removeItem(SECRET_PREFIX + key),
    envDefaults: async (): Promise<EnvDefaults> => {
      // Served by `npm run web` from COMPANION_* variables; absent on a static host.
      try {
        const response = await fetch('./companion-env.json', { cache: 'no-store' });
        return response.ok ? ((await response.json()) as EnvDefaults) : {};
      } catch {
        return {};
      }
    },
    log: (level, message, fields = {}) => {
      const line = JSON.stringify({ level, message, ...fields, at: new Date().toISOString() });
      recent.push(line);
      if (recent.length > KEPT_LOG_LINES) recent.shift();
      if (level === 'error') console.error(line);
      else if (level === 'warn') console.warn(line);
      else console.info(line);
    },
    recentLogLines: () => [...recent],
    desktop: null,
  };
}
