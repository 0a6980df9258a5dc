import { Inviter, UserAgent, type Invitation } from 'sip.js';
import type { BackoffOptions } from '../../../shared/backoff';
import { extractCallerId, type SipHeaderValues } from '../../../shared/telephony/callerId';
import type { LineState } from '../../../shared/telephony/lineState';
import { Call } from '../call';
import { SipJsCallSession } from './sipJsSession';
import { LiveCalls } from './liveCalls';
import { realClock, type Clock } from '../../../shared/time/clock';
import { LineSupervisor } from './lineSupervisor';
import { SipJsStack, type SipLineSettings } from './sipJsStack';

export interface SipLineConfig extends SipLineSettings {
  /** SIP header where the IVR leaves the customer code or RUT (default X-Customer-Id). */
  ivrHeader?: string;
  /**
   * Companion mode, for agents who keep another telephony client: the app registers one more
   * contact of the same extension (the PBX rings both), pops on every INVITE and never answers,
   * rejects or transfers; the other client takes the call.
   */
  companionMode?: boolean;
  /** Telecobranzas direct line (default 26939901): the log tells transfers to it apart. */
  telecobranzasNumber?: string;
  /** Ring through the speakers while a call rings here (default: on, off in companion mode). */
  ringTone?: boolean;
  backoff?: BackoffOptions;
  /** Wait after "Credenciales rechazadas" before one more try; null: only on retryNow(). */
  credentialsRetryMs?: number | null;
  registerTimeoutMs?: number;
  transferNotifyTimeoutMs?: number;
}

export interface SipLineDelegate {
  onLineState?(state: LineState): void;
  /** A new incoming call, still ringing; its caller id is in `call.snapshot.callerId`. */
  onIncomingCall?(call: Call): void;
}

export interface DialOptions {
  /** A consult call for this customer's call (attended transfer). */
  consultFor?: string;
}

const IDENTITY_HEADERS = ['P-Asserted-Identity', 'Remote-Party-ID', 'From'];

/**
 * The agent's SIP line: one sip.js UserAgent + Registerer over WebSocket, kept registered by
 * LineSupervisor (our reconnection), turning every incoming INVITE into a Call.
 */
export class SipLine {
  private readonly stack: SipJsStack;
  private readonly supervisor: LineSupervisor;
  private readonly clock: Clock;
  private readonly domain: string;
  private readonly onOnline = () => this.supervisor.retryNow();
  /** Calls not ended yet: they hear about the line dropping and coming back. */
  private readonly live = new LiveCalls();

  constructor(
    private readonly config: SipLineConfig,
    private readonly delegate: SipLineDelegate = {},
    deps: { clock?: Clock } = {},
  ) {
    this.clock = deps.clock ?? realClock;
    this.stack = new SipJsStack(config);
    this.domain = UserAgent.makeURI(config.uri)?.host ?? '';
    this.stack.onInvite = (invitation) => this.incoming(invitation);
    this.supervisor = new LineSupervisor(this.stack, {
      backoff: config.backoff,
      credentialsRetryMs: config.credentialsRetryMs,
      registerTimeoutMs: config.registerTimeoutMs,
      clock: this.clock,
      onState: (state) => {
        this.live.lineChanged(state);
        this.delegate.onLineState?.(state);
      },
    });
  }

  get companionMode(): boolean {
    return this.config.companionMode === true;
  }

  get state(): LineState {
    return this.supervisor.state;
  }

  start(): void {
    globalThis.addEventListener?.('online', this.onOnline);
    this.supervisor.start();
  }

  /** Skips the wait of an offline line or one whose credentials were rejected. */
  retryNow(): void {
    this.supervisor.retryNow();
  }

  async stop(): Promise<void> {
    globalThis.removeEventListener?.('online', this.onOnline);
    await this.supervisor.stop();
  }

  /** SIP URI of a number or extension on the agent's PBX ("26939901" → "sip:26939901@pbx"). */
  uriFor(number: string): string {
    const trimmed = number.trim();
    if (/^sips?:/i.test(trimmed)) return trimmed;
    return `sip:${trimmed.replace(/[\s().-]/g, '')}@${this.domain}`;
  }

  /** Places an outgoing call (a consult call, a call back). */
  call(number: string, options: DialOptions = {}): Call {
    const target = UserAgent.makeURI(this.uriFor(number));
    if (!target || !target.user) throw new Error(`Número inválido: ${number}`);
    const inviter = new Inviter(this.stack.userAgent, target);
    const port = new SipJsCallSession(inviter);
    const identity = extractCallerId({ From: `<${target.toString()}>` });
    const call = new Call(port, {
      direction: 'outgoing',
      // An extension ("2000") is no phone number, but it is what the agent dialled: show it.
      callerId: { ...identity, label: identity.number ?? number.trim() },
      consultFor: options.consultFor,
      clock: this.clock,
      transferNotifyTimeoutMs: this.config.transferNotifyTimeoutMs,
    });
    this.live.watch(call);
    void inviter
      .invite({
        requestDelegate: { onReject: (response) => port.noteFailure(response.message.statusCode ?? 500) },
      })
      .catch(() => undefined);
    return call;
  }

  private incoming(invitation: Invitation): void {
    // A malformed INVITE must never take the line down: worst case the call is declined.
    try {
      const request = invitation.request;
      const headers: Record<string, string[]> = {};
      for (const name of [...IDENTITY_HEADERS, this.config.ivrHeader ?? 'X-Customer-Id']) {
        headers[name] = request.getHeaders(name);
      }
      const callerId = extractCallerId(headers as SipHeaderValues, { ivrHeader: this.config.ivrHeader });
      const call = new Call(new SipJsCallSession(invitation), {
        direction: 'incoming',
        callerId,
        companion: this.companionMode,
        clock: this.clock,
        transferNotifyTimeoutMs: this.config.transferNotifyTimeoutMs,
      });
      this.live.watch(call);
      this.delegate.onIncomingCall?.(call);
    } catch (error) {
      console.error('Llamada entrante descartada', error);
      void invitation.reject({ statusCode: 500 }).catch(() => undefined);
    }
  }
}
