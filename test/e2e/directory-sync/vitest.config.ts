import { defineConfig } from 'vitest/config';

/**
 * The directory copy against the real back office (issue 5): the web-mode app in Chromium, the
 * server on PGlite in a temporary directory, killed midway to prove lookups are local.
 *   npx vitest run -c test/e2e/directory-sync/vitest.config.ts
 */
export default defineConfig({
  test: {
    include: ['test/e2e/directory-sync/**/*.test.ts'],
    globalSetup: ['test/e2e/directory-sync/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
