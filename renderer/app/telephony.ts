import { startTelephony, type TelephonyHandle } from '../features/line/telephonyAdapter';
import { popForIncomingCall } from '../features/popup/incomingCall';
import { lineSettingsApplied } from '../features/settings/settingsSlice';
import {
  lineSettingsProblem,
  loadLineSettings,
  saveLineSettings,
  type LineSettings,
} from '../features/settings/lineSettings';
import { platform } from '../platform';
import type { AppStore } from './store';

let handle: TelephonyHandle | null = null;

/** (Re)starts the agent's line with these settings. Returns a Spanish problem, or null when started. */
export async function applyLineSettings(
  store: AppStore,
  settings: LineSettings,
  newPassword: string | null,
): Promise<string | null> {
  if (newPassword !== null || settings !== store.getState().settings.line)
    await saveLineSettings(settings, newPassword);
  const { password } = await loadLineSettings();
  return startLine(store, settings, password);
}

async function startLine(store: AppStore, settings: LineSettings, password: string): Promise<string | null> {
  const problem = lineSettingsProblem(settings, password);
  store.dispatch(lineSettingsApplied({ line: settings, problem }));
  if (handle) {
    await handle.stop();
    handle = null;
  }
  if (problem) return problem;
  handle = startTelephony(
    {
      server: settings.sipWs,
      uri: settings.sipUri,
      password,
      ivrHeader: settings.ivrHeader,
      companionMode: settings.companionMode,
      telecobranzasNumber: settings.telecobranzasNumber,
    },
    {
      dispatch: store.dispatch,
      onIncomingCall: (callerId, callId) => {
        void popForIncomingCall(store.dispatch, callerId, callId).catch((error: unknown) =>
          platform.log('error', 'pop-up for incoming call failed', { callId, error: String(error) }),
        );
      },
    },
  );
  return null;
}

/** At start-up: the saved line (or the operator's defaults) goes live at once. */
export async function startSavedLine(store: AppStore): Promise<void> {
  const { settings, password } = await loadLineSettings();
  await startLine(store, settings, password);
}
