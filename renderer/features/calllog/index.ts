// What the app mounts and calls from the call log.
export { MissedCalls, type MissedCallsProps } from './MissedCalls';
export { callBack } from './callBack';
export { missedCalls, recentCalls, recordCall, setCallCustomer, getLoggedCall } from './callLogRepo';
