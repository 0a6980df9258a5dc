import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { DEMO } from './backOffice';

declare module 'vitest' {
  export interface ProvidedContext {
    syncBaseUrl: string;
    clientTimeoutMs: number;
  }
}

/** Short sender timings for the tests, baked into this build only (vite envPrefix COMPANION_SYNC_). */
export const TEST_TUNING = {
  COMPANION_SYNC_TIMEOUT_MS: '1500',
  COMPANION_SYNC_BACKOFF_BASE_MS: '50',
  COMPANION_SYNC_BACKOFF_MAX_MS: '600',
  COMPANION_SYNC_PROBE_MS: '500',
  COMPANION_SYNC_BATCH: '5',
  // A batch failing with 500s this long (and 3 times) is split to find the item at fault.
  COMPANION_SYNC_ISOLATE_AFTER_MS: '300',
};

/**
 * A port nobody listens on, for a peer that must be down (an SMTP server the test leaves off).
 * Never for a server to bind later: servers bind port 0 and report theirs (no race).
 */
export function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let server: PreviewServer | undefined;

/**
 * Builds the web mode with short timings into a private folder (not dist-web, which other suites
 * build) and serves it on a port the preview server binds itself. The back office the app talks to
 * is each test file's fault proxy, on the port it bound: each workstation's run-time defaults
 * (`npm run web`'s COMPANION_USER, _PASSWORD, and the proxy's URL) are served per browser context
 * (support/workstation.ts).
 */
export default async function setup(project: TestProject) {
  const configFile = path.resolve(import.meta.dirname, '../../../../vite.web.config.ts');
  const outDir = mkdtempSync(path.join(tmpdir(), 'companion-sync-web-'));
  Object.assign(process.env, TEST_TUNING);
  // The agents queue forms for the sample's customers: demo mode, asked for explicitly since a back
  // office is configured (renderer/app/demoMode.ts). Its download replaces the sample whole.
  process.env.COMPANION_DEMO = '1';
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  process.env.COMPANION_USER = DEMO.agent.username;
  process.env.COMPANION_PASSWORD = DEMO.agent.password;
  server = await preview({
    configFile,
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  project.provide('syncBaseUrl', url);
  project.provide('clientTimeoutMs', Number(TEST_TUNING.COMPANION_SYNC_TIMEOUT_MS));
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
