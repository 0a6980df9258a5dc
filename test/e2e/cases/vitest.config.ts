import { defineConfig } from 'vitest/config';

/** Back-office screens (cases, escalations) in Chromium against the real back office. */
export default defineConfig({
  test: {
    include: ['test/e2e/cases/**/*.test.ts'],
    globalSetup: ['test/e2e/cases/support/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
