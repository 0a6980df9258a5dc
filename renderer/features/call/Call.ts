import type { CallerId } from '../../../shared/telephony/callerId';
import {
  callReducer,
  isConnected,
  newCall,
  RINGING_LOST_NOTE,
  transferFailureReason,
  type CallDirection,
  type CallEvent,
  type CallSnapshot,
  type TransferKind,
} from '../../../shared/telephony/callState';
import type { DialogIds } from '../../../shared/telephony/referTo';
import { realClock, type Clock } from '../../../shared/time/clock';

/** How a session ended, as the signalling layer saw it. */
export type SessionEnd =
  | { by: 'local' }
  | { by: 'remote-bye' }
  | { by: 'remote-cancel'; completedElsewhere: boolean }
  | { by: 'failed'; statusCode: number | null }
  /** The dialog did not survive a loss of the line (its target refresh got 481/408). */
  | { by: 'connection-lost' };

/** Result of a target refresh (re-INVITE) after the line came back. */
export type RefreshResult = 'ok' | 'gone' | 'failed';

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
  /** Call-ID and tags of the confirmed dialog (for Replaces); null before it is confirmed. */
  dialogIds(): DialogIds | null;
  /**
   * Re-INVITE with the current media settings, so the far end learns our new connection (its
   * requests to us went to the connection that dropped). 'gone': the dialog no longer exists.
   */
  refresh(): Promise<RefreshResult>;
  /** Set by Call. */
  onEstablished: (() => void) | null;
  onEnded: ((end: SessionEnd) => void) | null;
}

export type TransferResult = { ok: true } | { ok: false; reason: string };

export interface CallOptions {
  direction: CallDirection;
  callerId: CallerId;
  /** Companion mode: pop only; never answer, reject or transfer. */
  companion?: boolean;
  /** A consult call: the id of the customer's call it is for. */
  consultFor?: string;
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
  private readonly listeners = new Set<(snapshot: CallSnapshot) => void>();
  /** The adapter's listener (the store); others use `subscribe`. */
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
      companion: options.companion,
      consultFor: options.consultFor,
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

  /** Every change after this one; returns the unsubscribe function. */
  subscribe(listener: (snapshot: CallSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Incoming, still ringing here, and ours to answer (not a companion-mode pop). */
  get answerable(): boolean {
    return (
      this.current.phase === 'ringing' && this.current.direction === 'incoming' && !this.current.companion
    );
  }

  async answer(): Promise<void> {
    if (!this.answerable) return;
    this.apply({ type: 'answer-requested' });
    try {
      await this.port.accept();
    } catch {
      // The session reports its own end (caller gave up meanwhile, media failed).
    }
  }

  async reject(): Promise<void> {
    if (!this.answerable) return;
    this.localIntent = 'reject';
    await this.port.reject().catch(() => undefined);
  }

  /** Ends the call whatever its phase: reject while ringing here, cancel while ringing there, BYE once connected. */
  async hangup(): Promise<void> {
    const { phase, direction, companion } = this.current;
    // A companion-mode call belongs to the agent's other device: this app never ends it.
    if (phase === 'ended' || companion) return;
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
  blindTransfer(
    targetUri: string,
    label: string = targetUri,
    kind: TransferKind = 'blind',
  ): Promise<TransferResult> {
    if (!isConnected(this.current)) {
      return Promise.resolve({ ok: false, reason: 'Solo se puede transferir una llamada en curso.' });
    }
    if (this.current.transfer?.status === 'pending') {
      return Promise.resolve({ ok: false, reason: 'Ya hay una transferencia en curso.' });
    }
    this.apply({ type: 'transfer-requested', target: label, kind });
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

  /** The confirmed dialog's ids, for a Replaces naming this call; null if not connected. */
  dialogIds(): DialogIds | null {
    return isConnected(this.current) ? this.port.dialogIds() : null;
  }

  /** The agent started a consult call for this (held) call. */
  consultStarted(consultCallId: string, target: string): void {
    this.apply({ type: 'consult-started', callId: consultCallId, target });
  }

  /** The consult call is over (or dropped); `note` says why when it matters. */
  consultEnded(note?: string): void {
    this.apply({ type: 'consult-ended', note });
  }

  /**
   * The line dropped. A call still ringing here cannot be answered any more (nor would we hear
   * its CANCEL): it ends now, as missed. A connected call may survive: media does not go through
   * the WebSocket.
   */
  connectionLost(): void {
    const { phase, direction } = this.current;
    if (phase === 'ended') return;
    if (phase === 'ringing' && direction === 'incoming') {
      this.sessionGone = true;
      const companion = this.current.companion;
      this.apply({ type: 'ended', cause: 'connection-lost', at: this.clock.now(), note: RINGING_LOST_NOTE });
      // Best effort (the transport may be gone): the PBX should stop offering it here.
      if (!companion) void this.port.reject().catch(() => undefined);
      return;
    }
    if (isConnected(this.current)) this.apply({ type: 'connection-lost' });
  }

  /** The line is back: tell the far end where we are now, or learn that the call is gone. */
  async connectionRestored(): Promise<void> {
    if (!this.current.lineLost || !isConnected(this.current)) return;
    let result: RefreshResult;
    try {
      result = await this.port.refresh();
    } catch {
      result = 'failed';
    }
    if (this.current.phase === 'ended') return;
    if (result === 'gone') {
      this.localIntent = 'hangup';
      this.sessionGone = true;
      this.apply({ type: 'ended', cause: 'connection-lost', at: this.clock.now() });
      void this.port.bye().catch(() => undefined);
      return;
    }
    this.apply({
      type: 'connection-restored',
      note:
        result === 'ok'
          ? undefined
          : 'Se recuperó la conexión con la central, pero la llamada no confirmó que sigue.',
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
          note: failureNote(this.current.direction, end.statusCode),
        });
        return;
      case 'connection-lost':
        this.apply({ type: 'ended', cause: 'connection-lost', at });
        return;
    }
  }

  private apply(event: CallEvent): void {
    const next = callReducer(this.current, event);
    if (next === this.current) return;
    this.current = next;
    this.onChange?.(next);
    for (const listener of [...this.listeners]) listener(next);
  }
}

function failureNote(direction: CallDirection, statusCode: number | null): string {
  if (direction === 'outgoing' && statusCode !== null) {
    if (statusCode === 404 || statusCode === 480 || statusCode === 410)
      return 'El número no está disponible.';
    if (statusCode === 486 || statusCode === 600) return 'El número está ocupado.';
    if (statusCode === 603) return 'La llamada fue rechazada.';
    if (statusCode === 408) return 'El número no contestó.';
  }
  return statusCode ? `La llamada falló (código ${statusCode}).` : 'La llamada falló.';
}
