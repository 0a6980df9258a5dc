import { isAllowedExternalUrl, LINK_NOT_ALLOWED, parseAllowList } from '../../shared/security/externalLinks';
import type { EnvDefaults, ExternalOpenResult, Platform } from './types';

const SECRET_PREFIX = 'companion.secret.';
/** Lines kept for "Copiar diagnóstico" in web mode (there is no log file). */
const KEPT_LOG_LINES = 60;

/** Web mode: secrets in the browser's storage (documented limitation), logs to the console. */
export function webPlatform(storage: Storage = window.localStorage, win: Window = window): Platform {
  const recent: string[] = [];
  let envDefaults: Promise<EnvDefaults> | null = null;
  const readEnv = (): Promise<EnvDefaults> => {
    // Served by `npm run web` from COMPANION_* variables; absent on a static host.
    envDefaults ??= fetch('./companion-env.json', { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<EnvDefaults>) : {}))
      .catch(() => ({}));
    return envDefaults;
  };
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
    envDefaults: readEnv,
    openExternal: async (url): Promise<ExternalOpenResult> => {
      const allowList = parseAllowList((await readEnv()).externalLinks);
      if (!isAllowedExternalUrl(url, allowList)) {
        return { opened: false, reason: LINK_NOT_ALLOWED };
      }
      // noopener: the opened page gets no handle on this window.
      win.open(url, '_blank', 'noopener,noreferrer');
      return { opened: true };
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
