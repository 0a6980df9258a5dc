import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { DEFAULT_LINE_SETTINGS, type LineSettings } from './lineSettings';

export interface SettingsState {
  line: LineSettings;
  /** Why the line is not started (Spanish), or null when it runs. */
  lineProblem: string | null;
  loaded: boolean;
}

const initialState: SettingsState = { line: DEFAULT_LINE_SETTINGS, lineProblem: null, loaded: false };

const settingsSlice = createSlice({
  name: 'settings',
  initialState,
  reducers: {
    lineSettingsApplied(state, action: PayloadAction<{ line: LineSettings; problem: string | null }>) {
      state.line = action.payload.line;
      state.lineProblem = action.payload.problem;
      state.loaded = true;
    },
  },
});

export const { lineSettingsApplied } = settingsSlice.actions;
export default settingsSlice.reducer;
