import { defineConfig } from 'vitest/config';

/**
 * Telephony end to end: the real rig (Kamailio + rtpengine + sipp) and the agent's line in
 * Debian's Chromium. Run with `npx vitest run --config test/e2e/telephony/vitest.config.ts`.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/telephony/**/*.test.ts'],
    globalSetup: ['test/e2e/telephony/globalSetup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // One Chromium and one rig at a time on a 2-core machine.
    fileParallelism: false,
  },
});
