import { describe, expect, it } from 'vitest';
import { extractCallerId } from '../../../shared/telephony/callerId';
import { callReducer, newCall, type CallSnapshot } from '../../../shared/telephony/callState';
import { LiveCalls, type WatchedCall } from './liveCalls';

class FakeCall implements WatchedCall {
  snapshot: CallSnapshot = newCall({ id: 'c', direction: 'incoming', callerId: extractCallerId({}), at: 0 });
  heard: string[] = [];
  private listeners = new Set<(s: CallSnapshot) => void>();
  subscribe(listener: (s: CallSnapshot) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  connectionLost() {
    this.heard.push('lost');
  }
  async connectionRestored() {
    this.heard.push('restored');
  }
  end() {
    this.snapshot = callReducer(this.snapshot, { type: 'ended', cause: 'remote-hangup', at: 1 });
    this.listeners.forEach((l) => l(this.snapshot));
  }
}

const online = { status: 'online', since: 1 } as const;
const offline = { status: 'offline', attempt: 0, retryAt: 5, reason: 'x' } as const;
const connecting = { status: 'connecting', attempt: 1 } as const;

describe('LiveCalls', () => {
  it('tells live calls once when the line drops and once when it is back', () => {
    const calls = new LiveCalls();
    const call = new FakeCall();
    calls.watch(call);
    calls.lineChanged(online);
    calls.lineChanged(offline);
    calls.lineChanged(connecting);
    calls.lineChanged(offline);
    calls.lineChanged(online);
    calls.lineChanged(online);
    expect(call.heard).toEqual(['lost', 'restored']);
  });

  it('forgets calls once they end', () => {
    const calls = new LiveCalls();
    const ended = new FakeCall();
    const live = new FakeCall();
    calls.watch(ended);
    calls.watch(live);
    ended.end();
    expect(calls.size).toBe(1);
    calls.lineChanged(offline);
    expect(ended.heard).toEqual([]);
    expect(live.heard).toEqual(['lost']);
  });

  it('does not "restore" calls on the first registration of the day', () => {
    const calls = new LiveCalls();
    const call = new FakeCall();
    calls.watch(call);
    calls.lineChanged(connecting);
    calls.lineChanged(online);
    expect(call.heard).toEqual([]);
  });
});
