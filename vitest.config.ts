import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{shared,renderer,electron,scripts}/**/*.test.{ts,tsx}', 'test/lint/**/*.test.ts'],
    // server/ has its own runner (server/test/run.sh): its tests need PostgreSQL and SMTP peers.
    environment: 'node',
    setupFiles: ['test/setup-unit.ts'],
    testTimeout: 20000,
  },
});
