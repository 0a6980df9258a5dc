import path from 'node:path';
import { z } from 'zod';
import type { DesktopSettings, DesktopSettingsPatch } from '../shared/ipc/contract';
import type { JsonStore } from './jsonStore';
import type { Logger } from './logger';
import type { LoadedOperatorConfig } from './operatorConfig';
import { DEFAULT_POP_SHORTCUT, parseAccelerator, type ShortcutBinding } from './shortcut';

/** What the agent chose on this PC (the operator's choices are in operatorConfig.ts). */
export interface UserDesktopSettings {
  popShortcut?: string;
}

export const USER_SETTINGS_SCHEMA: z.ZodType<UserDesktopSettings> = z.object({
  popShortcut: z.string().max(100).optional(),
});

export const userSettingsPath = (userDataDir: string) => path.join(userDataDir, 'desktop-settings.json');
export const popPlacesPath = (userDataDir: string) => path.join(userDataDir, 'pop-window.json');

/** Windows' own list of programs started at login is the truth (the agent may change it there). */
export interface LoginItemPort {
  get(): boolean;
  set(enabled: boolean): void;
}

/** Start-at-login launches with this flag: straight to the tray, no window in the agent's face. */
export const HIDDEN_START_ARG = '--hidden';

export interface DesktopSettingsService {
  view(): DesktopSettings;
  /** Binds the shortcut at start. */
  apply(): void;
  update(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
}

export function createDesktopSettings(deps: {
  store: JsonStore<UserDesktopSettings>;
  operator: LoadedOperatorConfig;
  shortcut: ShortcutBinding;
  loginItem: LoginItemPort;
  logger: Logger;
  onChange: () => void;
}): DesktopSettingsService {
  const { store, operator, shortcut, loginItem } = deps;
  let shortcutProblem: string | null = null;

  const chosenShortcut = () => store.get().popShortcut ?? operator.config.popShortcut ?? DEFAULT_POP_SHORTCUT;

  const view = (): DesktopSettings => ({
    popShortcut: shortcut.current() ?? chosenShortcut(),
    popShortcutProblem: shortcutProblem,
    startAtLogin: loginItem.get(),
    updateUrl: operator.config.updateUrl,
    externalLinks: [...operator.config.externalLinks],
    problem: store.problem() ?? operator.problem,
  });

  return {
    view,
    apply() {
      shortcutProblem = shortcut.bind(chosenShortcut());
      if (store.problem()) deps.logger.error('desktop settings file refused', { problem: store.problem() });
      if (operator.problem) deps.logger.error('operator config refused', { problem: operator.problem });
    },
    async update(patch) {
      if (patch.popShortcut !== undefined) {
        const parsed = parseAccelerator(patch.popShortcut);
        if (!parsed.ok) throw new Error(parsed.problem);
        const previous = shortcut.current();
        const problem = shortcut.bind(parsed.accelerator);
        if (problem) {
          // Keep the agent's working shortcut rather than leave them with none.
          if (previous) shortcut.bind(previous);
          throw new Error(problem);
        }
        shortcutProblem = null;
        await store.update((current) => ({ ...current, popShortcut: parsed.accelerator }));
      }
      if (patch.startAtLogin !== undefined) {
        loginItem.set(patch.startAtLogin);
        deps.logger.info('start at login changed', { enabled: patch.startAtLogin });
      }
      deps.onChange();
      return view();
    },
  };
}
