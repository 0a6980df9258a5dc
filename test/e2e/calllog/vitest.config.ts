import { defineConfig } from 'vitest/config';

// Its own rig ports, so it never meets another suite's rig on the same machine.
process.env.RIG_SIP_PORT ??= '5460';
process.env.RIG_WS_PORT ??= '8460';
process.env.RIG_NG_PORT ??= '22660';
process.env.RIG_RTP_MIN ??= '34200';
process.env.RIG_RTP_MAX ??= '34399';

/**
 * The call log's upload and history, end to end: a real call through the Kamailio rig to the web
 * app in Chromium, uploaded through a fault-injecting proxy to the real back office (PGlite).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/calllog/**/*.test.ts'],
    globalSetup: ['test/e2e/calllog/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
