import { isConnected, type CallSnapshot } from './callState';

/**
 * What the speakers play: nothing, the ring of an incoming call, or a soft "call waiting" ring
 * when the agent is already talking (a full ring in the headset over a customer is too much).
 */
export type RingMode = 'off' | 'ring' | 'waiting';

export function ringMode(calls: readonly CallSnapshot[], options: { companion?: boolean } = {}): RingMode {
  const ringing = calls.some(
    (call) =>
      call.phase === 'ringing' &&
      call.direction === 'incoming' &&
      (options.companion === true || !call.companion),
  );
  if (!ringing) return 'off';
  return calls.some((call) => isConnected(call) || call.phase === 'connecting') ? 'waiting' : 'ring';
}
