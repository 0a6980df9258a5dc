// The agent's line: SIP registration kept alive, incoming INVITEs turned into calls.
export { LineController, type LineControl, type LineControllerDeps } from './lineController';
export { default as lineReducer } from './lineSlice';
export { LineStatus } from './LineStatus';
export { dialingLineOf, startTelephony, type TelephonyHandle } from './telephonyAdapter';
