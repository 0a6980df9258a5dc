import { defineConfig } from 'vitest/config';

/**
 * Outbox sync against the real back office: the web app in Chromium, a fault-injecting proxy,
 * the server as a child process (PGlite, or TEST_DATABASE_URL), a recording SMTP server.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/sync/**/*.test.ts'],
    globalSetup: ['test/e2e/sync/support/globalSetup.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
