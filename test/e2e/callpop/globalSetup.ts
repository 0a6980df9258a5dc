import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { passwordOf, rigWsUrl, startRig, stopRig } from '../telephony/rig';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Starts the rig and serves the web app configured for agent 1001 through COMPANION_SIP_* (as a kiosk would). */
export default async function setup(project: TestProject) {
  console.log(startRig().trim());
  process.env.COMPANION_SIP_WS = rigWsUrl;
  process.env.COMPANION_SIP_URI = 'sip:1001@companion.test';
  process.env.COMPANION_SIP_PASSWORD = passwordOf('1001');
  const configFile = resolve(import.meta.dirname, '../../../vite.web.config.ts');
  const outDir = mkdtempSync(join(tmpdir(), 'callpop-web-'));
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({
    configFile,
    build: { outDir },
    preview: { port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  project.provide('appUrl', url);
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
    if (!process.env.RIG_KEEP) stopRig();
  };
}
