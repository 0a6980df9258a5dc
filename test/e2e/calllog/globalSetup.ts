import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { DEMO } from '../sync/support/backOffice';
import { TEST_TUNING } from '../sync/support/globalSetup';
import { passwordOf, rigWsUrl, startRig, stopRig } from '../telephony/rig';

declare module 'vitest' {
  export interface ProvidedContext {
    callLogAppUrl: string;
  }
}

let server: PreviewServer | undefined;

/**
 * Starts the rig and serves the web app as a kiosk workstation would run it: agent 1001's line
 * (COMPANION_SIP_*), the agent's account (COMPANION_USER, _PASSWORD; the back office's URL is the
 * test's fault proxy, on the port it bound, served to its browser context), short sender timings, the sample
 * directory (demo mode, which the server's own directory download keeps).
 */
export default async function setup(project: TestProject) {
  console.log(startRig().trim());
  const configFile = path.resolve(import.meta.dirname, '../../../vite.web.config.ts');
  const outDir = mkdtempSync(path.join(tmpdir(), 'companion-calllog-web-'));
  Object.assign(process.env, TEST_TUNING);
  process.env.COMPANION_DEMO = '1';
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  Object.assign(process.env, {
    COMPANION_SIP_WS: rigWsUrl,
    COMPANION_SIP_URI: 'sip:1001@companion.test',
    COMPANION_SIP_PASSWORD: passwordOf('1001'),
    COMPANION_USER: DEMO.agent.username,
    COMPANION_PASSWORD: DEMO.agent.password,
  });
  server = await preview({
    configFile,
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  project.provide('callLogAppUrl', url);
  project.provide('clientTimeoutMs', Number(TEST_TUNING.COMPANION_SYNC_TIMEOUT_MS));
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
    if (!process.env.RIG_KEEP) stopRig();
  };
}
