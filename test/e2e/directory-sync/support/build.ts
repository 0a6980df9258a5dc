import { resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * Builds the web-mode app into `outDir` (not dist-web, which the other e2e suite builds at the
 * same time) with build-time overrides (COMPANION_SYNC_* variables), and the lookup harness page.
 */
export async function buildWeb(
  outDir: string,
  env: Record<string, string>,
): Promise<{ app: string; harness: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = resolve(outDir, 'app');
    const harness = resolve(outDir, 'harness');
    await build({
      configFile: resolve(ROOT, 'vite.web.config.ts'),
      logLevel: 'warn',
      build: { outDir: app, emptyOutDir: true },
    });
    await build({
      configFile: false,
      root: resolve(import.meta.dirname, '../harness'),
      base: './',
      logLevel: 'warn',
      worker: { format: 'es' },
      build: { outDir: harness, emptyOutDir: true, target: 'es2022' },
    });
    return { app, harness };
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}
