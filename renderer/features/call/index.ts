// The call feature's public face: one call as the agent sees it (a Call over a SIP session), its
// snapshot in the store, its buttons, and the commands the buttons use.
export { Call, type CallSessionPort, type RefreshResult, type SessionEnd } from './Call';
export { CallRegistry } from './callRegistry';
export { createCallCommands, type CallCommands, type DialingLine, type DialResult } from './callCommands';
export { default as callReducer, callRang, callUpdated, selectCall, selectCalls } from './callSlice';
export { Ringer } from './ringTone';
export { CallControls } from './CallControls';
export { CopyNumber } from './CopyNumber';
export { formatDuration } from './formatDuration';
