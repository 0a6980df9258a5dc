// The call log: what the app saw of every call, its upload to the back office, "Perdidas" and the history.
export { CallLog } from './callLogRepo';
export { CallLogRetention } from './retention';
export { MissedCalls } from './MissedCalls';
export { CallHistory } from './CallHistory';
export { CallHistorySettings } from './CallHistorySettings';
