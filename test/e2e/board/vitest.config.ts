import { defineConfig } from 'vitest/config';

/** The supervisors' board in Chromium against the real back office (child process, PGlite). */
export default defineConfig({
  test: {
    include: ['test/e2e/board/**/*.test.ts'],
    globalSetup: ['test/e2e/board/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
