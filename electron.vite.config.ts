import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { cspMetaPlugin } from './vite.csp.ts';
import { demoDataBuild } from './vite.runtime-env.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: resolve(import.meta.dirname, 'electron/main.ts') } },
    },
  },
  preload: {
    // A sandboxed preload cannot `require` our modules: bundle it into one CommonJS file.
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    publicDir: resolve(import.meta.dirname, 'assets/public'),
    plugins: [react(), cspMetaPlugin()],
    worker: { format: 'es' },
    // A production build ships no demo sample (renderer/app/demoMode.ts) unless built with COMPANION_DEMO=1.
    define: { 'import.meta.env.COMPANION_DEMO_DATA': JSON.stringify(demoDataBuild('off')) },
    build: {
      outDir: 'out/renderer',
      // The main window's page and the pop window's (a small page of its own: no services).
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          pop: resolve(import.meta.dirname, 'renderer/pop.html'),
        },
      },
    },
  },
});
