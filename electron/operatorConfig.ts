import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile } from './jsonStore';

/**
 * What the operator decides for every agent of a PC, in one JSON file deployed with the installer
 * (README, "Deploying to many PCs"): where updates come from and which sites links may open.
 * The agent cannot change it from the app.
 */
export interface OperatorConfig {
  /** electron-updater generic provider: the folder holding latest.yml and the installer. */
  updateUrl: string | null;
  /** https URL prefixes external links may open in the system browser. */
  externalLinks: string[];
  /** The pop shortcut a new agent starts with. */
  popShortcut: string | null;
}

export const DEFAULT_OPERATOR_CONFIG: OperatorConfig = {
  updateUrl: null,
  externalLinks: [],
  popShortcut: null,
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An https address without credentials; plain http only to this machine where allowed. */
const httpsUrl = (options: { loopbackHttp: boolean }, message: string) =>
  z
    .string()
    .max(500)
    .refine((raw) => {
      try {
        const url = new URL(raw);
        if (url.username || url.password) return false;
        return (
          url.protocol === 'https:' ||
          (options.loopbackHttp && url.protocol === 'http:' && LOOPBACK.has(url.hostname))
        );
      } catch {
        return false;
      }
    }, message);

/** A test update server may run on this machine over plain http. */
const updateUrl = httpsUrl({ loopbackHttp: true }, 'updateUrl debe ser una dirección https');
const linkPrefix = httpsUrl({ loopbackHttp: false }, 'cada enlace permitido debe ser una dirección https');

const OPERATOR_CONFIG_SCHEMA = z.object({
  updateUrl: updateUrl.nullable().optional(),
  externalLinks: z.array(linkPrefix).max(100).optional(),
  popShortcut: z.string().max(100).nullable().optional(),
});

/** %ProgramData%\Companion\companion.json on Windows; COMPANION_CONFIG overrides (tests, pilots). */
export function operatorConfigPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (env.COMPANION_CONFIG) return path.resolve(env.COMPANION_CONFIG);
  if (platform === 'win32')
    return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Companion', 'companion.json');
  return '/etc/companion/companion.json';
}

export interface LoadedOperatorConfig {
  config: OperatorConfig;
  /** Null, or why the file was refused (its settings are then not applied). */
  problem: string | null;
}

export async function loadOperatorConfig(filePath: string): Promise<LoadedOperatorConfig> {
  const loaded = await loadJsonFile(filePath, OPERATOR_CONFIG_SCHEMA, {});
  if (loaded.state === 'damaged') return { config: DEFAULT_OPERATOR_CONFIG, problem: loaded.problem };
  const value = loaded.value;
  return {
    config: {
      updateUrl: value.updateUrl ?? null,
      externalLinks: value.externalLinks ?? [],
      popShortcut: value.popShortcut ?? null,
    },
    problem: null,
  };
}
