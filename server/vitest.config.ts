import { defineConfig } from 'vitest/config';

// Server tests: Node only, real databases (PGlite, and PostgreSQL under with-postgres.sh), real SMTP.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['server/**/*.test.ts'],
    environment: 'node',
    // Safety nets, not speed goals: the build machine's two cores are shared with other suites, and
    // a fresh database plus a team of scrypt-hashed accounts can take over a minute when it is busy.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two cores: two files at a time, each with its own databases.
    maxWorkers: 2,
  },
});
