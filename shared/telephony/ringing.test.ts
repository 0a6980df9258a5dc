import { describe, expect, it } from 'vitest';
import { extractCallerId } from './callerId';
import { callReducer, newCall, type CallSnapshot } from './callState';
import { ringMode } from './ringing';

const callerId = extractCallerId({ From: '<sip:+56912345678@x>' });
const ringing = (id: string, companion = false): CallSnapshot =>
  newCall({ id, direction: 'incoming', callerId, at: 1, companion });
const active = (id: string) => callReducer(ringing(id), { type: 'established', at: 2 });

describe('ringMode', () => {
  it('rings while an incoming call rings, and stops when none does', () => {
    expect(ringMode([])).toBe('off');
    expect(ringMode([ringing('a')])).toBe('ring');
    expect(ringMode([active('a')])).toBe('off');
    expect(ringMode([newCall({ id: 'o', direction: 'outgoing', callerId, at: 1 })])).toBe('off');
  });

  it('rings softly (call waiting) when the agent is already on a call', () => {
    expect(ringMode([active('a'), ringing('b')])).toBe('waiting');
    const held = callReducer(active('a'), { type: 'held' });
    expect(ringMode([held, ringing('b')])).toBe('waiting');
  });

  it('rings for companion-mode calls only when asked to', () => {
    expect(ringMode([ringing('a', true)])).toBe('off');
    expect(ringMode([ringing('a', true)], { companion: true })).toBe('ring');
  });
});
