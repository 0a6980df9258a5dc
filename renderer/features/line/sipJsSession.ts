import {
  Invitation,
  Inviter,
  SessionState,
  UserAgent,
  Web,
  type Bye,
  type Cancel,
  type Notification,
  type Session,
} from 'sip.js';
import { isCompletedElsewhere, sipfragStatus } from '../../../shared/telephony/callState';
import type { DialogIds } from '../../../shared/telephony/referTo';
import type { CallSessionPort, RefreshResult, SessionEnd } from '../call';

const ALLOW = 'ACK,CANCEL,INVITE,MESSAGE,BYE,OPTIONS,INFO,NOTIFY,REFER';

/**
 * CallSessionPort on a sip.js Session (an incoming Invitation or an outgoing Inviter).
 * Also plays the far end's audio through a detached <audio> element.
 */
export class SipJsCallSession implements CallSessionPort {
  onEstablished: (() => void) | null = null;
  onEnded: ((end: SessionEnd) => void) | null = null;

  private localEnd = false;
  private cancel_: Cancel | null = null;
  private failedStatus: number | null = null;
  private byeReceived = false;
  private audio: HTMLAudioElement | null = null;

  constructor(readonly session: Session) {
    session.delegate = {
      onBye: (bye: Bye) => {
        this.byeReceived = true;
        void bye.accept().catch(() => undefined);
      },
      onCancel: (cancel: Cancel) => {
        this.cancel_ = cancel;
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.playRemoteAudio();
        this.onEstablished?.();
      } else if (state === SessionState.Terminated) {
        this.stopRemoteAudio();
        this.onEnded?.(this.endReason());
      }
    });
  }

  get id(): string {
    return this.session.id;
  }

  async accept(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new Error('Solo se contesta una llamada entrante.');
    await this.session.accept();
  }

  async reject(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new Error('Solo se rechaza una llamada entrante.');
    this.localEnd = true;
    // 486 Busy Here: the PBX may then try another agent or the voicemail.
    await this.session.reject({ statusCode: 486 });
  }

  async cancel(): Promise<void> {
    if (!(this.session instanceof Inviter)) throw new Error('Solo se cancela una llamada saliente.');
    this.localEnd = true;
    await this.session.cancel();
  }

  async bye(): Promise<void> {
    if (this.session.state !== SessionState.Established) return;
    this.localEnd = true;
    await this.session.bye();
  }

  setHold(hold: boolean): Promise<void> {
    const session = this.session;
    return new Promise<void>((resolve, reject) => {
      const options =
        session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions;
      const wanted: Web.SessionDescriptionHandlerOptions = { ...options, hold };
      const previous: Web.SessionDescriptionHandlerOptions = { ...options, hold: !hold };
      session.sessionDescriptionHandlerOptionsReInvite = wanted;
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.sdh()?.enableReceiverTracks(!hold);
              this.sdh()?.enableSenderTracks(!hold);
              resolve();
            },
            onReject: () => {
              session.sessionDescriptionHandlerOptionsReInvite = previous;
              reject(new Error('re-INVITE rejected'));
            },
          },
        })
        .catch(reject);
    });
  }

  setMuted(muted: boolean): void {
    try {
      this.sdh()?.enableSenderTracks(!muted);
    } catch {
      // Peer connection already closed: nothing to mute.
    }
  }

  sendDtmf(tone: string): boolean {
    if (this.sdh()?.sendDtmf(tone)) return true;
    // No RTP DTMF sender (e.g. telephone-event not negotiated): SIP INFO, widely understood.
    if (this.session.state !== SessionState.Established) return false;
    void this.session
      .info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: `Signal=${tone}\r\nDuration=160`,
          },
        },
      })
      .catch(() => undefined);
    return true;
  }

  refer(target: string, onProgress: (statusCode: number | null) => void): Promise<number> {
    const uri = UserAgent.makeURI(target);
    if (!uri) return Promise.reject(new Error(`Destino inválido: ${target}`));
    const session = this.session;
    if (session.state !== SessionState.Established || !session.dialog) {
      return Promise.reject(new Error('La llamada no está establecida.'));
    }
    // Session.refer() writes Refer-To without angle brackets, which is wrong (and ambiguous) once
    // the URI carries headers (?X-Companion-Case=…, ?Replaces=…): build the REFER ourselves.
    const extraHeaders = [
      `Referred-By: <${session.userAgent.configuration.uri.toString()}>`,
      `Contact: ${contactOf(session)}`,
      `Allow: ${ALLOW}`,
      `Refer-To: <${target}>`,
    ];
    return new Promise<number>((resolve, reject) => {
      session
        ._refer(
          (notification: Notification) => {
            void notification.accept().catch(() => undefined);
            onProgress(sipfragStatus(notification.request.body));
          },
          {
            onAccept: (response) => resolve(response.message.statusCode ?? 202),
            onReject: (response) => resolve(response.message.statusCode ?? 500),
          },
          { extraHeaders },
        )
        .catch(reject);
    });
  }

  dialogIds(): DialogIds | null {
    const dialog = this.session.dialog;
    if (!dialog || this.session.state !== SessionState.Established) return null;
    return { callId: dialog.callId, localTag: dialog.localTag, remoteTag: dialog.remoteTag };
  }

  refresh(): Promise<RefreshResult> {
    const session = this.session;
    if (session.state !== SessionState.Established) return Promise.resolve('gone');
    return new Promise<RefreshResult>((resolve) => {
      session
        .invite({
          requestDelegate: {
            onAccept: () => resolve('ok'),
            onReject: (response) => {
              const code = response.message.statusCode ?? 500;
              // 481: the far end has no such dialog; 408: nobody answered for it (RFC 3261 §14.1).
              resolve(code === 481 || code === 408 ? 'gone' : 'failed');
            },
          },
        })
        .catch(() => resolve('failed'));
    });
  }

  /** Records why an outgoing call failed (final response ≥ 300), for the end reason. */
  noteFailure(statusCode: number): void {
    this.failedStatus = statusCode;
  }

  private endReason(): SessionEnd {
    if (this.cancel_) {
      const reason = this.cancel_.request.getHeader('reason') ?? null;
      return { by: 'remote-cancel', completedElsewhere: isCompletedElsewhere(reason) };
    }
    if (this.byeReceived) return { by: 'remote-bye' };
    if (this.localEnd) return { by: 'local' };
    return { by: 'failed', statusCode: this.failedStatus };
  }

  private sdh(): Web.SessionDescriptionHandler | undefined {
    const sdh = this.session.sessionDescriptionHandler;
    return sdh instanceof Web.SessionDescriptionHandler ? sdh : undefined;
  }

  private playRemoteAudio(): void {
    const stream = this.sdh()?.remoteMediaStream;
    if (!stream || typeof Audio === 'undefined') return;
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = stream;
    void audio.play().catch(() => undefined);
    this.audio = audio;
  }

  private stopRemoteAudio(): void {
    if (!this.audio) return;
    this.audio.pause();
    this.audio.srcObject = null;
    this.audio = null;
  }
}

/** The Contact our requests in this session carry (sip.js keeps it per session, untyped). */
function contactOf(session: Session): string {
  const own = (session as unknown as { _contact?: string })._contact;
  return own ?? session.userAgent.contact.toString();
}
