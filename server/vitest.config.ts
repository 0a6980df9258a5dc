import { defineConfig } from 'vitest/config';

// Server tests: Node only, real databases (PGlite, and PostgreSQL under with-postgres.sh), real SMTP.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: two files at a time, each with its own databases.
    maxWorkers: 2,
  },
});
