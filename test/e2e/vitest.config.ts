import { defineConfig } from 'vitest/config';

/** End-to-end tests of the web-mode renderer in Debian's Chromium (playwright-core). */
export default defineConfig({
  test: {
    include: ['test/e2e/app/**/*.test.ts'],
    globalSetup: ['test/e2e/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One Chromium at a time on a 2-core machine keeps timings sane.
    fileParallelism: false,
  },
});
