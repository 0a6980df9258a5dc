import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb } from './support/build';

declare module 'vitest' {
  export interface ProvidedContext {
    directorySyncWeb: { app: string; harness: string };
  }
}

const ROOT = resolve(import.meta.dirname, '../../..');

/** Builds the app once, with short sync periods so a test sees deltas within seconds. */
export default async function setup(project: TestProject) {
  const out = resolve(ROOT, '.tmp/e2e-directory-sync/web');
  const web = process.env.E2E_SKIP_BUILD
    ? { app: resolve(out, 'app'), harness: resolve(out, 'harness') }
    : await buildWeb(out, {
        COMPANION_SYNC_DIRECTORY_INTERVAL_MS: '3000',
        COMPANION_SYNC_DIRECTORY_RETRY_MS: '1000',
        COMPANION_SYNC_DIRECTORY_SIGNED_OUT_MS: '1000',
        COMPANION_SYNC_PROBE_MS: '1000',
      });
  project.provide('directorySyncWeb', web);
}
