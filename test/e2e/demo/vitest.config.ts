import { defineConfig } from 'vitest/config';

// Its own rig ports, apart from the other suites' rigs (and from a developer's demo on 5060).
process.env.RIG_SIP_PORT ??= '5560';
process.env.RIG_WS_PORT ??= '8560';
process.env.RIG_NG_PORT ??= '22660';
process.env.RIG_RTP_MIN ??= '33400';
process.env.RIG_RTP_MAX ??= '33599';

/** The README's first command, `npm run demo`, as a user runs it: a sample call that pops. */
export default defineConfig({
  test: {
    include: ['test/e2e/demo/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
