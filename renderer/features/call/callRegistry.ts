import type { Call } from './Call';

/**
 * The live Call objects (sip.js sessions are not serialisable, so they stay out of Redux),
 * keyed by the call id that the snapshots in callSlice carry. One per app, made by the
 * composition root and shared by the telephony (which fills it) and the call commands.
 */
export class CallRegistry {
  private readonly calls = new Map<string, Call>();

  register(call: Call): void {
    this.calls.set(call.id, call);
  }

  get(id: string): Call | undefined {
    return this.calls.get(id);
  }

  forget(id: string): void {
    this.calls.delete(id);
  }

  live(): Call[] {
    return [...this.calls.values()];
  }
}
