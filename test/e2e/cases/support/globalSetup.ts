import react from '@vitejs/plugin-react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type InlineConfig, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { cspMetaPlugin } from '../../../../vite.csp';

declare module 'vitest' {
  export interface ProvidedContext {
    casesPageUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Builds the back-office screens' page and serves it on a free loopback port. */
export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(join(tmpdir(), 'cases-page-'));
  const config: InlineConfig = {
    root: resolve(import.meta.dirname, '../harness'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    // The app's own Content-Security-Policy: the screens (and the BPMN viewer) must work under it.
    plugins: [react(), cspMetaPlugin()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  };
  await build(config);
  server = await preview(config);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  project.provide('casesPageUrl', url);
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
