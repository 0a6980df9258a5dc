// electron-builder.yml checked offline the way electron-builder itself checks it: loaded by
// app-builder-lib's config loader and validated against the JSON schema shipped in that package.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, options: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const configPath = path.join(projectDir, 'electron-builder.yml');
const load = () => getConfig(projectDir, configPath, null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the schema check bites: a misspelt option is refused', async () => {
    const config = { ...(await load()), nsis: { oneClik: false } };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object[\s\S]*configuration\.nsis/,
    );
  });

  it('builds a signed, per-user NSIS installer with a generic update feed and locked fuses', async () => {
    const config = (await load()) as {
      win: { target: { target: string }[]; forceCodeSigning: boolean };
      nsis: { perMachine: boolean; oneClick: boolean };
      publish: { provider: string }[];
      electronFuses: Record<string, boolean>;
    };
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.win.forceCodeSigning).toBe(true);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.publish.map((p) => p.provider)).toEqual(['generic']);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
  });
});
