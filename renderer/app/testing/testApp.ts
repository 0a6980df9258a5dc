// Test support (never imported by shipped code): the app as main.tsx composes it, with a fake
// line, a silent ringer and a database of its own.
import { CompanionDb } from '../../db/db';
import { readDirectoryTuning } from '../../features/directory';
import { FakeLine } from '../../features/line/testing/fakeLine';
import { readTuning } from '../../features/sync';
import { webPlatform, type EnvDefaults, type Platform } from '../../platform';
import { createApp, type AppConfig, type CompanionApp } from '../services';

export type TestLine = FakeLine & { stopped: number };

/** The sample directory loads (demo data wanted); `platform` overrides parts of web mode's. */
export function composeTestApp(
  env: EnvDefaults,
  overrides: Partial<AppConfig> = {},
  platform: Partial<Platform> = {},
): { app: CompanionApp; lines: TestLine[] } {
  const lines: TestLine[] = [];
  const app = createApp({
    platform: { ...webPlatform(localStorage), envDefaults: async () => env, ...platform },
    sync: readTuning({}),
    directorySync: readDirectoryTuning({}),
    demo: { wanted: async () => true, sample: () => import('../demoSample') },
    createDirectoryWorker: () => null,
    db: new CompanionDb(`test-app-${Math.random()}`),
    ringer: null,
    createLine: (config, delegate) => {
      const line = Object.assign(new FakeLine(delegate, config), { stopped: 0 });
      line.stop = async () => void line.stopped++;
      lines.push(line);
      return line;
    },
    ...overrides,
  });
  return { app, lines };
}
