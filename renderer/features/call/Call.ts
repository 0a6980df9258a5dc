import type { CallerId } from '../../../shared/telephony/callerId';
import {
  callReducer,
  isConnected,
  newCall,
  transferFailureReason,
  type CallDirection,
  type CallEvent,
  type CallSnapshot,
} from '../../../shared/telephony/callState';
import { realClock, type Clock } from '../line/lineSupervisor';

/** How a session ended, as the signalling layer saw it. */
export type SessionEnd =
  | { by: 'local' }
  | { by: 'remote-bye' }
  | { by: 'remote-cancel'; completedElsewhere: boolean }
  | { by: 'failed'; statusCode: number | null };

/** One SIP dialog as a call needs it (sip.js in production, a fake in tests). */
export interface CallSessionPort {
  readonly id: string;
  accept(): Promise<void>;
  reject(): Promise<void>;
  cancel(): Promise<void>;
  bye(): Promise<void>;
  /** Resolves when the re-INVITE is accepted, rejects otherwise. */
  setHold(hold: boolean): Promise<void>;
  setMuted(muted: boolean): void;
  /** RFC 4733 through the media path; false when it could not be sent. */
  sendDtmf(tone: string): boolean;
  /**
   * Sends REFER to `target` (a SIP URI). Resolves with the REFER's final status code;
   * `onProgress` gets the status line of each NOTIFY sipfrag (null when unreadable).
   */
  refer(target: string, onProgress: (statusCode: number | null) => void): Promise<number>;
  /** Set by Call. */
  onEstablished: (() => void) | null;
  onEnded: ((end: SessionEnd) => void) | null;
}

export type TransferResult = { ok: true } | { ok: false; reason: string };

export interface CallOptions {
  direction: CallDirection;
  callerId: CallerId;
  clock?: Clock;
  /** After a 202, how long to wait for the transferee's final NOTIFY before taking it as done. */
  transferNotifyTimeoutMs?: number;
  onChange?: (snapshot: CallSnapshot) => void;
}

export const DTMF_TONE = /^[0-9A-D#*]$/;
export const DEFAULT_TRANSFER_NOTIFY_TIMEOUT_MS = 8000;

/**
 * A call the agent sees: wraps one SIP session, keeps its state with the pure call reducer
 * and reports every change. Never throws at the UI for a call that is already gone.
 */
export class Call {
  private current: CallSnapshot;
  private readonly clock: Clock;
  /** What the agent asked for, so a local end is told apart (reject vs. hang up). */
  private localIntent: 'reject' | 'hangup' | null = null;
  private pendingTransfer: ((result: TransferResult) => void) | null = null;
  private transferTimer: unknown = null;
  /** The session is over (whoever ended it): nothing more may be sent on it. */
  private sessionGone = false;
  private readonly options: CallOptions;
  onChange: ((snapshot: CallSnapshot) => void) | null;

  constructor(
    private readonly port: CallSessionPort,
    options: CallOptions,
  ) {
    this.clock = options.clock ?? realClock;
    this.onChange = options.onChange ?? null;
    this.options = options;
    this.current = newCall({
      id: port.id,
      direction: options.direction,
      callerId: options.callerId,
      at: this.clock.now(),
    });
    port.onEstablished = () => this.apply({ type: 'established', at: this.clock.now() });
    port.onEnded = (end) => this.ended(end);
  }

  get id(): string {
    return this.current.id;
  }

  get snapshot(): CallSnapshot {
    return this.current;
  }

  async answer(): Promise<void> {
    if (this.current.phase !== 'ringing' || this.current.direction !== 'incoming') return;
    this.apply({ type: 'answer-requested' });
    try {
      await this.port.accept();
    } catch {
      // The session reports its own end (caller gave up meanwhile, media failed).
    }
  }

  async reject(): Promise<void> {
    if (this.current.phase !== 'ringing' || this.current.direction !== 'incoming') return;
    this.localIntent = 'reject';
    await this.port.reject().catch(() => undefined);
  }

  /** Ends the call whatever its phase: reject while ringing here, cancel while ringing there, BYE once connected. */
  async hangup(): Promise<void> {
    const { phase, direction } = this.current;
    if (phase === 'ended') return;
    if (phase === 'ringing' && direction === 'incoming') return this.reject();
    this.localIntent = 'hangup';
    if (phase === 'ringing') await this.port.cancel().catch(() => undefined);
    else await this.port.bye().catch(() => undefined);
  }

  async hold(): Promise<void> {
    await this.setHold(true);
  }

  async resume(): Promise<void> {
    await this.setHold(false);
  }

  setMuted(muted: boolean): void {
    if (!isConnected(this.current)) return;
    this.port.setMuted(muted);
    this.apply({ type: 'muted', muted });
  }

  /** One key of the keypad; false when the tone is invalid or could not be sent. */
  sendDtmf(tone: string): boolean {
    if (!DTMF_TONE.test(tone) || !isConnected(this.current)) return false;
    return this.port.sendDtmf(tone);
  }

  /**
   * Blind transfer (REFER). Accepted: the agent's leg ends. Rejected or failed: the call stays
   * with the agent and the snapshot says why.
   */
  blindTransfer(targetUri: string, label: string = targetUri): Promise<TransferResult> {
    if (!isConnected(this.current)) {
      return Promise.resolve({ ok: false, reason: 'Solo se puede transferir una llamada en curso.' });
    }
    if (this.current.transfer?.status === 'pending') {
      return Promise.resolve({ ok: false, reason: 'Ya hay una transferencia en curso.' });
    }
    this.apply({ type: 'transfer-requested', target: label });
    return new Promise<TransferResult>((resolve) => {
      this.pendingTransfer = resolve;
      this.port
        .refer(targetUri, (statusCode) => this.transferProgress(statusCode))
        .then((statusCode) => {
          if (statusCode >= 300) {
            this.transferFailed(transferFailureReason(statusCode));
            return;
          }
          // 202: the transferee is trying. Its final NOTIFY (if it sends one) settles it.
          this.transferTimer = this.clock.setTimeout(
            () => this.transferSucceeded(),
            this.options.transferNotifyTimeoutMs ?? DEFAULT_TRANSFER_NOTIFY_TIMEOUT_MS,
          );
        })
        .catch(() => this.transferFailed('No se pudo enviar la transferencia.'));
    });
  }

  private transferProgress(statusCode: number | null): void {
    if (statusCode === null || statusCode < 200) return;
    if (statusCode < 300) this.transferSucceeded();
    else this.transferFailed(transferFailureReason(statusCode));
  }

  private transferSucceeded(): void {
    if (this.current.transfer?.status !== 'pending') return;
    this.clearTransferTimer();
    this.apply({ type: 'transfer-accepted' });
    this.settleTransfer({ ok: true });
    // The customer now talks to the target: our leg is over.
    if (!this.sessionGone) {
      this.localIntent = 'hangup';
      void this.port.bye().catch(() => undefined);
    }
  }

  private transferFailed(reason: string): void {
    if (this.current.transfer?.status !== 'pending') return;
    this.clearTransferTimer();
    this.apply({ type: 'transfer-failed', reason });
    this.settleTransfer({ ok: false, reason });
  }

  private settleTransfer(result: TransferResult): void {
    const resolve = this.pendingTransfer;
    this.pendingTransfer = null;
    resolve?.(result);
  }

  private clearTransferTimer(): void {
    if (this.transferTimer !== null) this.clock.clearTimeout(this.transferTimer);
    this.transferTimer = null;
  }

  private async setHold(hold: boolean): Promise<void> {
    const want = hold ? 'active' : 'held';
    if (this.current.phase !== want) return;
    try {
      await this.port.setHold(hold);
      this.apply({ type: hold ? 'held' : 'resumed' });
    } catch {
      this.apply({
        type: 'hold-failed',
        note: hold ? 'No se pudo poner la llamada en espera.' : 'No se pudo retomar la llamada.',
      });
    }
  }

  private ended(end: SessionEnd): void {
    if (this.current.phase === 'ended') return;
    this.sessionGone = true;
    // The transferee hanging up its leg after a 202 means the transfer went through.
    if (end.by === 'remote-bye' && this.current.transfer?.status === 'pending') this.transferSucceeded();
    else if (this.current.transfer?.status === 'pending')
      this.transferFailed('La llamada terminó durante la transferencia.');
    this.clearTransferTimer();

    const at = this.clock.now();
    switch (end.by) {
      case 'local':
        this.apply({
          type: 'ended',
          cause: this.localIntent === 'reject' ? 'local-reject' : 'local-hangup',
          at,
        });
        return;
      case 'remote-bye':
        this.apply({ type: 'ended', cause: 'remote-hangup', at });
        return;
      case 'remote-cancel':
        this.apply({
          type: 'ended',
          cause: end.completedElsewhere ? 'completed-elsewhere' : 'remote-cancel',
          at,
        });
        return;
      case 'failed':
        this.apply({
          type: 'ended',
          cause: 'failed',
          at,
          note: end.statusCode ? `La llamada falló (código ${end.statusCode}).` : 'La llamada falló.',
        });
        return;
    }
  }

  private apply(event: CallEvent): void {
    const next = callReducer(this.current, event);
    if (next === this.current) return;
    this.current = next;
    this.onChange?.(next);
  }
}
