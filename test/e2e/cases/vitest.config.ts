import { defineConfig } from 'vitest/config';

/**
 * Back-office screens (cases, escalations) in Chromium against the real back office: on their own
 * page (every branch of a procedure) and mounted in the web-mode app (its build: the board's setup).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/cases/**/*.test.ts'],
    globalSetup: ['test/e2e/cases/support/globalSetup.ts', 'test/e2e/board/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
