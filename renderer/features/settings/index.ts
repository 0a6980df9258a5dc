// The workstation's settings: the agent's line, the agent's id.
export { currentAgent } from './agent';
export { LineSettingsStore, lineSettingsProblem, type LineSettings } from './lineSettings';
export { default as settingsReducer, lineSettingsApplied } from './settingsSlice';
export { SettingsPanel } from './SettingsPanel';
