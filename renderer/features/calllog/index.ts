// The call log: what the app saw of every call, and "Perdidas".
export { CallLog } from './callLogRepo';
export { MissedCalls } from './MissedCalls';
