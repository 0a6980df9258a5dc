import type { Call } from './Call';

/**
 * The live Call objects (sip.js sessions are not serialisable, so they stay out of Redux),
 * keyed by the call id that the snapshots in callSlice carry.
 */
const calls = new Map<string, Call>();

export function registerCall(call: Call): void {
  calls.set(call.id, call);
}

export function getCall(id: string): Call | undefined {
  return calls.get(id);
}

export function forgetCall(id: string): void {
  calls.delete(id);
}

export function liveCalls(): Call[] {
  return [...calls.values()];
}
