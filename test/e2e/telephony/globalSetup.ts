import react from '@vitejs/plugin-react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type InlineConfig, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startRig, stopRig } from './rig';

declare module 'vitest' {
  export interface ProvidedContext {
    linePageUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Starts the rig, builds the test pages (the agent's line, the other parties) and serves them on a free loopback port. */
export default async function setup(project: TestProject) {
  console.log(startRig().trim());
  const outDir = mkdtempSync(join(tmpdir(), 'line-page-'));
  const config: InlineConfig = {
    root: resolve(import.meta.dirname, 'page'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 2000,
      // The agent's line (index.html) and the other parties (party.html: desk, consult target…).
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'page/index.html'),
          party: resolve(import.meta.dirname, 'page/party.html'),
        },
      },
    },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  };
  await build(config);
  server = await preview(config);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  project.provide('linePageUrl', url);
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
    if (!process.env.RIG_KEEP) stopRig();
  };
}
