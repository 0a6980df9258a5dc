import { build, preview, type PreviewServer } from 'vite';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Builds the web mode once and serves it on a free loopback port for every e2e test file. */
export default async function setup(project: TestProject) {
  const configFile = resolve(import.meta.dirname, '../../../vite.web.config.ts');
  if (!process.env.E2E_SKIP_BUILD) await build({ configFile, logLevel: 'warn' });
  server = await preview({
    configFile,
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  project.provide('baseUrl', url);
  return async () => {
    await server?.close();
  };
}
