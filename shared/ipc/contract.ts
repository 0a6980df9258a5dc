/**
 * The one contract between Electron's main process and the renderer. Written once: the preload
 * builds its bridge from `MAIN_CHANNELS`, main registers its handlers against `MainApi`, and both
 * derive argument and result types from this interface (as Signal Desktop does with `Parameters<>`).
 * Payload schemas (zod) live in ./schemas.ts so the sandboxed preload bundle stays small.
 */
export interface AppInfo {
  version: string;
  platform: string;
  electron: string | null;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface MainApi {
  getAppInfo(): Promise<AppInfo>;
  /** Secrets (back-office token, SIP password) kept with Electron safeStorage. */
  secretSet(key: string, value: string): Promise<void>;
  secretGet(key: string): Promise<string | null>;
  secretDelete(key: string): Promise<void>;
  /** Operator log line from the renderer into the main process log. */
  log(
    level: LogLevel,
    message: string,
    fields: Record<string, string | number | boolean | null>,
  ): Promise<void>;
}

export type MainApiMethod = keyof MainApi;
export type MainApiArgs<M extends MainApiMethod> = Parameters<MainApi[M]>;
export type MainApiResult<M extends MainApiMethod> = Awaited<ReturnType<MainApi[M]>>;

export const MAIN_CHANNELS = {
  getAppInfo: 'companion:app:get-info',
  secretSet: 'companion:secret:set',
  secretGet: 'companion:secret:get',
  secretDelete: 'companion:secret:delete',
  log: 'companion:log',
} as const satisfies Record<MainApiMethod, string>;

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_KEY = 'companion';
