import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    boardWebDir: string;
  }
}

/** Builds the web mode into a private folder (other suites build dist-web at the same time). */
export default async function setup(project: TestProject) {
  const configFile = path.resolve(import.meta.dirname, '../../../vite.web.config.ts');
  const outDir = mkdtempSync(path.join(tmpdir(), 'companion-board-web-'));
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  project.provide('boardWebDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
