import { defineConfig } from 'vitest/config';

// Its own rig ports, so it never meets the line suite's rig (test/e2e/telephony) on the same machine.
process.env.RIG_SIP_PORT ??= '5360';
process.env.RIG_WS_PORT ??= '8360';
process.env.RIG_NG_PORT ??= '22460';
process.env.RIG_RTP_MIN ??= '33000';
process.env.RIG_RTP_MAX ??= '33199';

/** The whole app (web mode) popping customers for real calls through the Kamailio rig. */
export default defineConfig({
  test: {
    include: ['test/e2e/callpop/**/*.test.ts'],
    globalSetup: ['test/e2e/callpop/globalSetup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
