import type { Dispatch } from '@reduxjs/toolkit';
import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import type { CallerId } from '../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { LineState } from '../../../shared/telephony/lineState';
import { ringMode } from '../../../shared/telephony/ringing';
import type { Call } from '../call/Call';
import { callUpdated } from '../call/callSlice';
import { forgetCall, liveCalls, registerCall } from '../call/callRegistry';
import { Ringer } from '../call/ringTone';
import { recordCall } from '../calllog/callLogRepo';
import { lineStateChanged } from './lineSlice';
import { SipLine, type DialOptions, type SipLineConfig, type SipLineDelegate } from './SipLine';

/**
 * The one place where telephony meets the store: mirrors the line's and the calls' delegate
 * events into lineSlice and callSlice, keeps the live Call objects in callRegistry, writes the
 * call log, rings the speakers, and tells the app about a new incoming call (to open the
 * customer's pop-up while it rings).
 */

/** What the adapter needs from a line (SipLine in the app, a fake in tests). */
export interface TelephonyLine {
  start(): void;
  stop(): Promise<void>;
  retryNow(): void;
  uriFor(number: string): string;
  call(number: string, options?: DialOptions): Call;
}

/** Where the adapter writes the log: IndexedDB in the app (callLogRepo). */
export type CallLogWriter = (call: CallSnapshot, telecobranzasNumber: string) => void | Promise<void>;

export interface TelephonyAdapterOptions {
  dispatch: Dispatch;
  /** A call started ringing: pop the customer. Called after the call is in the store. */
  onIncomingCall?: (callerId: CallerId, callId: string) => void;
  /** A call ended (any outcome). The call log is already written by the adapter. */
  onCallEnded?: (call: CallSnapshot) => void;
  /** Default: IndexedDB (callLogRepo.recordCall). null: no log. */
  callLog?: CallLogWriter | null;
  /** Default: a generated ring in a hidden <audio> element. null: silent. */
  ringer?: Pick<Ringer, 'update'> | null;
  /** Tests inject a fake line here. */
  createLine?: (config: SipLineConfig, delegate: SipLineDelegate) => TelephonyLine;
}

export interface TelephonyHandle {
  line: TelephonyLine;
  config: SipLineConfig;
  /** Places an outgoing call and mirrors it like an incoming one (call back, consult). */
  dial(number: string, options?: DialOptions): Call;
  stop(): Promise<void>;
}

let active: TelephonyHandle | null = null;

/** The running line, for commands that need it (transfer targets); null when stopped. */
export function activeLine(): TelephonyLine | null {
  return active?.line ?? null;
}

/** The running telephony (line, its settings, dial); null when stopped. */
export function activeTelephony(): TelephonyHandle | null {
  return active;
}

export function startTelephony(config: SipLineConfig, options: TelephonyAdapterOptions): TelephonyHandle {
  const { dispatch } = options;
  const telecobranzasNumber = config.telecobranzasNumber ?? TELECOBRANZAS_NUMBER;
  const writeLog = options.callLog === undefined ? recordCall : options.callLog;
  const ringer = options.ringer === undefined ? new Ringer() : options.ringer;
  // In companion mode the agent's other device rings already: silent unless asked for.
  const ringTone = config.ringTone ?? !config.companionMode;

  const log = (snapshot: CallSnapshot) => {
    if (!writeLog) return;
    try {
      void Promise.resolve(writeLog(snapshot, telecobranzasNumber)).catch(() => undefined);
    } catch (error) {
      console.error('Registro de llamadas falló', error);
    }
  };

  const ring = () => {
    if (!ringer || !ringTone) return;
    ringer.update(
      ringMode(
        liveCalls().map((c) => c.snapshot),
        { companion: true },
      ),
    );
  };

  const track = (call: Call) => {
    registerCall(call);
    let answerLogged = false;
    call.onChange = (snapshot) => {
      dispatch(callUpdated(snapshot));
      // The log gets the start, the answer and the end; not every mute or hold.
      if (snapshot.phase === 'ended' || (snapshot.answeredAt !== null && !answerLogged)) log(snapshot);
      answerLogged ||= snapshot.answeredAt !== null;
      if (snapshot.phase === 'ended') {
        forgetCall(snapshot.id);
        options.onCallEnded?.(snapshot);
      }
      ring();
    };
    dispatch(callUpdated(call.snapshot));
    log(call.snapshot);
    ring();
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
    config,
    dial: (number, dialOptions) => {
      const call = line.call(number, dialOptions);
      track(call);
      return call;
    },
    stop: async () => {
      if (active === handle) active = null;
      ringer?.update('off');
      await line.stop();
    },
  };
  if (active) void active.stop();
  active = handle;
  line.start();
  return handle;
}
