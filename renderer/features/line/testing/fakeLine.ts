// Test support (not shipped code paths): a line and SIP sessions driven by unit tests.
import { extractCallerId } from '../../../../shared/telephony/callerId';
import type { LineState } from '../../../../shared/telephony/lineState';
import { Call, type CallSessionPort, type RefreshResult, type SessionEnd } from '../../call/Call';
import type { DialOptions, SipLineConfig, SipLineDelegate } from '../SipLine';
import type { TelephonyLine } from '../telephonyAdapter';

export class FakeSession implements CallSessionPort {
  onEstablished: (() => void) | null = null;
  onEnded: ((end: SessionEnd) => void) | null = null;
  sent: string[] = [];
  notify: ((status: number | null) => void) | null = null;
  refreshAnswer: RefreshResult = 'ok';
  constructor(readonly id: string) {}
  async accept() {
    this.sent.push('accept');
    this.onEstablished?.();
  }
  async reject() {
    this.sent.push('reject');
    this.onEnded?.({ by: 'local' });
  }
  async cancel() {
    this.sent.push('cancel');
    this.onEnded?.({ by: 'local' });
  }
  async bye() {
    this.sent.push('bye');
    this.onEnded?.({ by: 'local' });
  }
  async setHold(hold: boolean) {
    this.sent.push(hold ? 'hold' : 'resume');
  }
  setMuted() {}
  sendDtmf(tone: string) {
    this.sent.push(`dtmf ${tone}`);
    return true;
  }
  async refer(target: string, onProgress: (status: number | null) => void) {
    this.sent.push(`refer ${target}`);
    this.notify = onProgress;
    return 202;
  }
  dialogIds() {
    return { callId: `${this.id}@pbx`, localTag: 'ours', remoteTag: 'theirs' };
  }
  async refresh() {
    this.sent.push('refresh');
    return this.refreshAnswer;
  }
}

export class FakeLine implements TelephonyLine {
  started = 0;
  retries = 0;
  dialled: Array<{ number: string; options?: DialOptions; session: FakeSession }> = [];
  constructor(
    readonly delegate: SipLineDelegate,
    readonly config: SipLineConfig,
  ) {}
  start() {
    this.started++;
  }
  async stop() {}
  retryNow() {
    this.retries++;
  }
  uriFor(number: string) {
    return `sip:${number}@companion.test`;
  }
  call(number: string, options?: DialOptions): Call {
    const session = new FakeSession(`out-${this.dialled.length + 1}`);
    this.dialled.push({ number, options, session });
    const identity = extractCallerId({ From: `<sip:${number}@companion.test>` });
    return new Call(session, {
      direction: 'outgoing',
      callerId: { ...identity, label: identity.number ?? number },
      consultFor: options?.consultFor,
    });
  }
  /** An INVITE arrives with these headers. */
  ring(id: string, headers: Record<string, string>): FakeSession {
    const session = new FakeSession(id);
    this.delegate.onIncomingCall?.(
      new Call(session, {
        direction: 'incoming',
        callerId: extractCallerId(headers),
        companion: this.config.companionMode === true,
      }),
    );
    return session;
  }
  state(state: LineState) {
    this.delegate.onLineState?.(state);
  }
}
