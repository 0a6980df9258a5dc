// Each wall of eslint.config.js, proven: a planted violation makes lint fail with the wall's rule,
// and the allowed way next to it passes (so a wall is not a blanket ban). The planted files are
// linted as text under a path inside the folder; nothing is written to the tree.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rules a text breaks when it sits at `filePath` (relative to the repository). */
async function broken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('lint walls', () => {
  it('a feature reaches another feature only through its public index.ts', async () => {
    expect(
      await broken('renderer/features/popup/planted.ts', "export { selectCall } from '../call/callSlice';\n"),
    ).toContain('import/no-restricted-paths');
    expect(
      await broken('renderer/features/popup/planted.ts', "export { selectCall } from '../call';\n"),
    ).toEqual([]);
    // The app too.
    expect(
      await broken(
        'renderer/app/planted.ts',
        "export { OutboxSender } from '../features/sync/syncService';\n",
      ),
    ).toContain('import/no-restricted-paths');
  });

  it('no import cycles', async () => {
    // callSlice.ts importing CallControls.tsx, which imports callSlice.ts.
    expect(
      await broken(
        'renderer/features/call/callSlice.ts',
        "import { CallControls } from './CallControls';\nexport const planted = CallControls;\n",
      ),
    ).toContain('import/no-cycle');
  });

  it('shared/ uses neither browser nor Node globals, nor their modules', async () => {
    expect(await broken('shared/planted.ts', 'export const width = window.innerWidth;\n')).toContain(
      'no-restricted-globals',
    );
    expect(await broken('shared/planted.ts', 'export const home = process.env.HOME;\n')).toContain(
      'no-restricted-globals',
    );
    expect(await broken('shared/planted.ts', "export const saved = localStorage.getItem('x');\n")).toContain(
      'no-restricted-globals',
    );
    expect(await broken('shared/planted.ts', "export { readFile } from 'node:fs';\n")).toContain(
      'no-restricted-imports',
    );
    // What both have is fine.
    expect(
      await broken('shared/planted.ts', 'export const later = (fn: () => void) => setTimeout(fn, 1);\n'),
    ).toEqual([]);
  });

  it('browser globals only in renderer/, Node globals not there', async () => {
    expect(await broken('renderer/features/call/planted.ts', 'export const t = document.title;\n')).toEqual(
      [],
    );
    expect(await broken('renderer/features/call/planted.ts', 'export const e = process.env.X;\n')).toContain(
      'no-restricted-globals',
    );
    expect(
      await broken('renderer/features/call/planted.ts', "export { join } from 'node:path';\n"),
    ).toContain('no-restricted-imports');
    for (const folder of ['server/src', 'electron', 'scripts']) {
      expect(await broken(`${folder}/planted.ts`, 'export const t = document.title;\n')).toContain(
        'no-restricted-globals',
      );
      expect(await broken(`${folder}/planted.ts`, 'export const e = process.env.X;\n')).toEqual([]);
    }
  });

  it('shipped code never imports test/ or testing/ fakes; tests may', async () => {
    const fake = "export { FakeLine } from '../line/testing/fakeLine';\n";
    expect(await broken('renderer/features/call/planted.ts', fake)).toContain('no-restricted-imports');
    expect(await broken('renderer/features/call/planted.test.ts', fake)).toEqual([]);
    expect(await broken('server/src/planted.ts', "export { startApp } from '../test/harness';\n")).toContain(
      'no-restricted-imports',
    );
    expect(
      await broken(
        'renderer/app/planted.ts',
        "export { SAMPLE_CUSTOMERS } from '../../test/fixtures/sampleCustomers';\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('the layers: shared/ imports nothing of ours, the renderer never imports main', async () => {
    expect(await broken('shared/planted.ts', "export { CompanionDb } from '../renderer/db/db';\n")).toContain(
      'import/no-restricted-paths',
    );
    expect(
      await broken('renderer/app/planted.ts', "export { createMainWindow } from '../../electron/window';\n"),
    ).toContain('import/no-restricted-paths');
  });
});
