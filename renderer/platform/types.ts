import type { AppInfo, LogLevel, RendererBridge } from '../../shared/ipc/contract';

/**
 * What the renderer needs from its host. Two implementations: Electron (through the preload bridge
 * built from shared/ipc/contract.ts) and the browser (web mode, for machines without Electron).
 */
/** Defaults an operator can give a workstation from outside (web mode: environment variables). */
export interface EnvDefaults {
  sipWs?: string;
  sipUri?: string;
  sipPassword?: string;
  telecobranzasNumber?: string;
  serverUrl?: string;
  user?: string;
  password?: string;
  /** Where external links may go (COMPANION_EXTERNAL_LINKS, comma-separated origins/prefixes). */
  externalLinks?: string;
  /** COMPANION_DEMO: '1' loads the demo sample, '0' never (renderer/app/demoMode.ts). */
  demo?: string;
}

/** Whether a link was handed to the browser; when not, why (Spanish, for the agent). */
export type ExternalOpenResult = { opened: true } | { opened: false; reason: string };

export interface Platform {
  kind: 'electron' | 'web';
  appInfo(): Promise<AppInfo>;
  secretGet(key: string): Promise<string | null>;
  secretSet(key: string, value: string): Promise<void>;
  secretDelete(key: string): Promise<void>;
  envDefaults(): Promise<EnvDefaults>;
  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void;
  /**
   * Opens an external link in the browser, only if the operator's allow-list lets it (web mode
   * checks here; Electron's main process checks again and is the one that decides).
   */
  openExternal(url: string): Promise<ExternalOpenResult>;
  /** The page's own recent log lines (web mode's diagnostic; in Electron main has the log file). */
  recentLogLines(): string[];
  /** Electron's desktop shell (pop window, tray, updates, diagnostic); null in web mode. */
  desktop: RendererBridge | null;
}
