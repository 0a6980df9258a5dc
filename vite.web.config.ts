// Web mode: the same renderer served to a plain browser, with the browser platform bridge.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { cspMetaPlugin } from './vite.csp.ts';
import { demoDataBuild, runtimeEnvPlugin } from './vite.runtime-env.ts';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'assets/public'),
  plugins: [react(), cspMetaPlugin(), runtimeEnvPlugin()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    // pop.html is the Electron pop window's page; built here too so the e2e can look at it in Chromium.
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'renderer/index.html'),
        pop: resolve(import.meta.dirname, 'renderer/pop.html'),
      },
    },
  },
  // No CORS: only the app's own pages read what these servers serve (the run-time defaults hold secrets).
  server: { host: '127.0.0.1', port, strictPort: true, cors: false },
  preview: { host: '127.0.0.1', port, strictPort: true, cors: false },
  worker: { format: 'es' },
  // Only sender timings are baked in (tests shorten them); credentials come at run time.
  envPrefix: ['VITE_', 'COMPANION_SYNC_'],
  // Demo mode may be on in web mode (renderer/app/demoMode.ts): the sample is bundled.
  define: { 'import.meta.env.COMPANION_DEMO_DATA': JSON.stringify(demoDataBuild('auto')) },
});
