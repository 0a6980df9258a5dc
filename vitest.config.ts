import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{shared,renderer,electron,server,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/setup-unit.ts'],
    testTimeout: 20000,
  },
});
