import type { Dispatch } from '@reduxjs/toolkit';
import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import type { CallerId } from '../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { LineState } from '../../../shared/telephony/lineState';
import { ringMode } from '../../../shared/telephony/ringing';
import { callRang, callUpdated, Ringer, type Call, type CallRegistry, type DialingLine } from '../call';
import { lineStateChanged } from './lineSlice';
import type { DialOptions, SipLineConfig, SipLineDelegate } from './SipLine';

/**
 * The one place where telephony meets the store: mirrors the line's and the calls' delegate
 * events into lineSlice and callSlice, keeps the live Call objects in the app's CallRegistry,
 * writes the call log, rings the speakers, and tells the app about a new incoming call (to open
 * the customer's pop-up while it rings). Holds no state of its own beyond the handle it returns:
 * which line runs is LineController's business.
 */

/** What the adapter needs from a line (SipLine in the app, a fake in tests). */
export interface TelephonyLine {
  start(): void;
  stop(): Promise<void>;
  retryNow(): void;
  uriFor(number: string): string;
  call(number: string, options?: DialOptions): Call;
}

export type CreateLine = (config: SipLineConfig, delegate: SipLineDelegate) => TelephonyLine;

/** Where the adapter writes the log: IndexedDB in the app (features/calllog). */
export type CallLogWriter = (call: CallSnapshot, telecobranzasNumber: string) => void | Promise<void>;

export interface TelephonyAdapterOptions {
  dispatch: Dispatch;
  /** Where the live calls are kept for the call commands. */
  registry: CallRegistry;
  /** A call started ringing: pop the customer. Called after the call is in the store. */
  onIncomingCall?: (callerId: CallerId, callId: string) => void;
  /** A call ended (any outcome). The call log is already written by the adapter. */
  onCallEnded?: (call: CallSnapshot) => void;
  /** null: no log. */
  callLog: CallLogWriter | null;
  /** Default: a generated ring in a hidden <audio> element. null: silent. */
  ringer?: Pick<Ringer, 'update'> | null;
  /** The line itself: SipLine in the app (loaded with sip.js, see LineController), a fake in tests. */
  createLine: CreateLine;
  /**
   * Runs work once this ringing call's pop-up is on screen (the app: after the paint that follows
   * it). The first ring waits for it: starting the speakers costs the INVITE's task about a
   * millisecond, and nothing may ask for a frame before the pop-up is ready to be drawn in it.
   * Default: at once.
   */
  afterPop?: (callId: string, work: () => void) => void;
}

export interface TelephonyHandle {
  line: TelephonyLine;
  config: SipLineConfig;
  /** Places an outgoing call and mirrors it like an incoming one (call back, consult). */
  dial(number: string, options?: DialOptions): Call;
  stop(): Promise<void>;
}

export function startTelephony(config: SipLineConfig, options: TelephonyAdapterOptions): TelephonyHandle {
  const { dispatch, registry } = options;
  const telecobranzasNumber = config.telecobranzasNumber ?? TELECOBRANZAS_NUMBER;
  const writeLog = options.callLog;
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
        registry.live().map((c) => c.snapshot),
        { companion: true },
      ),
    );
  };

  const afterPop = options.afterPop ?? ((_callId: string, work: () => void) => work());

  /** `ringing`: a new incoming call, whose pop-up is about to be drawn (see callRang). */
  const track = (call: Call, ringing = false) => {
    registry.register(call);
    let answerLogged = false;
    call.onChange = (snapshot) => {
      dispatch(callUpdated(snapshot));
      // The log gets the start, the answer and the end; not every mute or hold.
      if (snapshot.phase === 'ended' || (snapshot.answeredAt !== null && !answerLogged)) log(snapshot);
      answerLogged ||= snapshot.answeredAt !== null;
      if (snapshot.phase === 'ended') {
        registry.forget(snapshot.id);
        options.onCallEnded?.(snapshot);
      }
      ring();
    };
    if (ringing) {
      dispatch(callRang(call.snapshot));
      log(call.snapshot);
      afterPop(call.id, ring);
      return;
    }
    dispatch(callUpdated(call.snapshot));
    log(call.snapshot);
    ring();
  };

  const delegate: SipLineDelegate = {
    onLineState: (state: LineState) => dispatch(lineStateChanged(state)),
    onIncomingCall: (call) => {
      track(call, true);
      // The pop-up is the app's business; a failure there must not disturb the call.
      try {
        options.onIncomingCall?.(call.snapshot.callerId, call.id);
      } catch (error) {
        console.error('onIncomingCall falló', error);
      }
    },
  };

  const line = options.createLine(config, delegate);
  const handle: TelephonyHandle = {
    line,
    config,
    dial: (number, dialOptions) => {
      const call = line.call(number, dialOptions);
      track(call);
      return call;
    },
    stop: async () => {
      ringer?.update('off');
      await line.stop();
    },
  };
  line.start();
  return handle;
}

/** A running telephony as the call commands use it (transfer targets, consult calls, call backs). */
export function dialingLineOf(handle: TelephonyHandle): DialingLine {
  return {
    companionMode: handle.config.companionMode === true,
    uriFor: (number) => handle.line.uriFor(number),
    dial: (number, options) => handle.dial(number, options),
  };
}
