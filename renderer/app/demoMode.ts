import type { EnvDefaults, Platform } from '../platform';

/**
 * Demo data (the sample directory and its tickets) is a mode, chosen in two steps:
 *
 * 1. At build time, `COMPANION_DEMO` decides whether the sample is in the bundle at all
 *    (vite.web.config.ts, electron.vite.config.ts set `import.meta.env.COMPANION_DEMO_DATA`):
 *    - web builds (`npm run web`): 'auto', or 'on' / 'off' with COMPANION_DEMO=1 / 0;
 *    - Electron builds: 'off' — the sample is not even shipped — unless built with COMPANION_DEMO=1.
 * 2. At run time (web mode: `/companion-env.json`, from the variables `npm run web` was started with):
 *    COMPANION_DEMO=0 turns it off, COMPANION_DEMO=1 on; otherwise 'auto' means on when no back
 *    office is configured (no COMPANION_SERVER_URL): the desk a newcomer opens with `npm run web`.
 *
 * Even then the sample only goes into an empty copy that was never downloaded, and the first real
 * directory (an import or the back office's) replaces it whole, its tickets too (demoData.ts).
 */
export type DemoBuild = 'on' | 'auto' | 'off';

export function demoBuild(value: unknown): DemoBuild {
  return value === 'on' || value === 'auto' ? value : 'off';
}

export function demoDataWanted(build: DemoBuild, platform: Platform['kind'], env: EnvDefaults): boolean {
  if (build === 'off' || env.demo === '0') return false;
  if (build === 'on' || env.demo === '1') return true;
  return platform === 'web' && !env.serverUrl;
}
