import { createDirectoryWorker, readDirectoryTuning } from '../features/directory';
import { readTuning } from '../features/sync';
import type { Platform } from '../platform';
import { demoBuild, demoDataWanted } from './demoMode';
import type { AppConfig } from './services';

type Env = Record<string, string | boolean | undefined>;

/**
 * The app's configuration, read once at start-up: timings a build may shorten (COMPANION_SYNC_*
 * variables, baked in at build time for the tests) and demo mode (demoMode.ts).
 */
export function readAppConfig(platform: Platform): AppConfig {
  const env = import.meta.env as Env;
  const build = demoBuild(import.meta.env.COMPANION_DEMO_DATA);
  // A literal after the build's `define`: where it is 'off' the bundler drops the sample's chunk.
  const sample =
    import.meta.env.COMPANION_DEMO_DATA === 'on' || import.meta.env.COMPANION_DEMO_DATA === 'auto'
      ? () => import('./demoSample')
      : null;
  return {
    platform,
    sync: readTuning(env),
    directorySync: readDirectoryTuning(env),
    demo: sample && {
      wanted: async () => demoDataWanted(build, platform.kind, await platform.envDefaults()),
      sample,
    },
    createDirectoryWorker,
  };
}
