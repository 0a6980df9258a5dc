import type {
  AppInfo,
  DesktopSettings,
  DesktopSettingsPatch,
  MainApi,
  PopAction,
  PopCard,
  ShellState,
  UpdateInstallResult,
  UpdateStatus,
} from '../shared/ipc/contract';
import type { DiagnosticFacts } from '../shared/diagnostics/diagnostic';
import type { Logger } from './logger';
import type { SecretStore } from './secrets';

/** The desktop shell's services as the contract needs them (composed in bootstrap.ts). */
export interface ShellServices {
  reportShellState(state: ShellState): void;
  popShow(card: PopCard): void;
  popHide(callId: string): void;
  popCurrent(): PopCard | null;
  /** Passes the pop window's button on to the main window, which owns the call. */
  popAct(action: PopAction): void;
  openMainWindow(): void;
  popDismiss(callId: string): void;
  desktopSettings(): DesktopSettings;
  updateDesktopSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
  updateStatus(): UpdateStatus;
  installUpdate(): UpdateInstallResult;
  copyDiagnostic(facts: DiagnosticFacts): Promise<string>;
}

/** The main-process side of the contract, composed from its single-purpose modules. */
export function createMainApi(deps: {
  appInfo: () => AppInfo;
  secrets: SecretStore;
  logger: Logger;
  shell: ShellServices;
}): MainApi {
  const { secrets, logger, shell } = deps;
  return {
    getAppInfo: async () => deps.appInfo(),
    secretSet: (key, value) => secrets.secretSet(key, value),
    secretGet: (key) => secrets.secretGet(key),
    secretDelete: (key) => secrets.secretDelete(key),
    log: async (level, message, fields) => logger.write(level, message, fields, 'renderer'),
    reportShellState: async (state) => shell.reportShellState(state),
    popShow: async (card) => shell.popShow(card),
    popHide: async (callId) => shell.popHide(callId),
    popCurrent: async () => shell.popCurrent(),
    popAct: async (action) => shell.popAct(action),
    popOpenMain: async () => shell.openMainWindow(),
    popDismiss: async (callId) => shell.popDismiss(callId),
    desktopSettingsGet: async () => shell.desktopSettings(),
    desktopSettingsSet: (patch) => shell.updateDesktopSettings(patch),
    updateStatus: async () => shell.updateStatus(),
    updateInstall: async () => shell.installUpdate(),
    diagnosticCopy: (facts) => shell.copyDiagnostic(facts),
  };
}
