import { readDirectoryTuning, createDirectoryWorker } from '../features/directory';
import { readTuning } from '../features/sync';
import type { Platform } from '../platform';
import type { AppConfig } from './services';

type Env = Record<string, string | boolean | undefined>;

/**
 * The app's configuration, read once at start-up: timings a build may shorten (COMPANION_SYNC_*
 * variables, baked in at build time for the tests) and whether demo data is loaded.
 */
export function readAppConfig(platform: Platform): AppConfig {
  const env = import.meta.env as Env;
  return {
    platform,
    sync: readTuning(env),
    directorySync: readDirectoryTuning(env),
    demoData: async () => true,
    createDirectoryWorker,
  };
}
