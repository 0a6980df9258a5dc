import type { Dispatch } from '@reduxjs/toolkit';
import type { CallerId } from '../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { LineState } from '../../../shared/telephony/lineState';
import type { Call } from '../call/Call';
import { callUpdated } from '../call/callSlice';
import { forgetCall, registerCall } from '../call/callRegistry';
import { lineStateChanged } from './lineSlice';
import { SipLine, type SipLineConfig, type SipLineDelegate } from './SipLine';

/**
 * The one place where telephony meets the store: mirrors the line's and the calls' delegate
 * events into lineSlice and callSlice, keeps the live Call objects in callRegistry, and tells
 * the app about a new incoming call (to open the customer's pop-up while it rings).
 */

/** What the adapter needs from a line (SipLine in the app, a fake in tests). */
export interface TelephonyLine {
  start(): void;
  stop(): Promise<void>;
  retryNow(): void;
  uriFor(number: string): string;
  call(number: string): Call;
}

export interface TelephonyAdapterOptions {
  dispatch: Dispatch;
  /** A call started ringing: pop the customer. Called after the call is in the store. */
  onIncomingCall?: (callerId: CallerId, callId: string) => void;
  /** A call ended (any outcome): for the call log. */
  onCallEnded?: (call: CallSnapshot) => void;
  /** Tests inject a fake line here. */
  createLine?: (config: SipLineConfig, delegate: SipLineDelegate) => TelephonyLine;
}

export interface TelephonyHandle {
  line: TelephonyLine;
  /** Places an outgoing call and mirrors it like an incoming one. */
  dial(number: string): Call;
  stop(): Promise<void>;
}

let active: TelephonyHandle | null = null;

/** The running line, for commands that need it (transfer targets); null when stopped. */
export function activeLine(): TelephonyLine | null {
  return active?.line ?? null;
}

export function startTelephony(config: SipLineConfig, options: TelephonyAdapterOptions): TelephonyHandle {
  const { dispatch } = options;

  const track = (call: Call) => {
    registerCall(call);
    call.onChange = (snapshot) => {
      dispatch(callUpdated(snapshot));
      if (snapshot.phase === 'ended') {
        forgetCall(snapshot.id);
        options.onCallEnded?.(snapshot);
      }
    };
    dispatch(callUpdated(call.snapshot));
  };

  const delegate: SipLineDelegate = {
    onLineState: (state: LineState) => dispatch(lineStateChanged(state)),
    onIncomingCall: (call) => {
      track(call);
      // The pop-up is the app's business; a failure there must not disturb the call.
      try {
        options.onIncomingCall?.(call.snapshot.callerId, call.id);
      } catch (error) {
        console.error('onIncomingCall falló', error);
      }
    },
  };

  const line = options.createLine ? options.createLine(config, delegate) : new SipLine(config, delegate);
  const handle: TelephonyHandle = {
    line,
    dial: (number) => {
      const call = line.call(number);
      track(call);
      return call;
    },
    stop: async () => {
      if (active === handle) active = null;
      await line.stop();
    },
  };
  if (active) void active.stop();
  active = handle;
  line.start();
  return handle;
}
