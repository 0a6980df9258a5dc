import { describe, expect, it } from 'vitest';
import { extractCallerId } from '../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import { Call, type CallSessionPort, type SessionEnd } from './Call';

/** A SIP session as a script the test drives; it records what the Call asked of it. */
class FakeSession implements CallSessionPort {
  readonly id = 'call-1';
  onEstablished: (() => void) | null = null;
  onEnded: ((end: SessionEnd) => void) | null = null;
  sent: string[] = [];
  holdAnswer: 'accept' | 'reject' = 'accept';
  referStatus = 202;
  notify: ((statusCode: number | null) => void) | null = null;
  referTarget: string | null = null;
  dtmfWorks = true;

  async accept() {
    this.sent.push('200 OK');
    this.onEstablished?.();
  }
  async reject() {
    this.sent.push('486');
    this.onEnded?.({ by: 'local' });
  }
  async cancel() {
    this.sent.push('CANCEL');
    this.onEnded?.({ by: 'local' });
  }
  async bye() {
    this.sent.push('BYE');
    this.onEnded?.({ by: 'local' });
  }
  async setHold(hold: boolean) {
    this.sent.push(hold ? 're-INVITE sendonly' : 're-INVITE sendrecv');
    if (this.holdAnswer === 'reject') throw new Error('488');
  }
  setMuted(muted: boolean) {
    this.sent.push(muted ? 'mute' : 'unmute');
  }
  sendDtmf(tone: string) {
    this.sent.push(`DTMF ${tone}`);
    return this.dtmfWorks;
  }
  dialogIds() {
    return { callId: `dialog-${this.id}`, localTag: 'local', remoteTag: 'remote' };
  }
  refreshAnswer: 'ok' | 'gone' | 'failed' = 'ok';
  async refresh() {
    this.sent.push('refresh');
    return this.refreshAnswer;
  }
  async refer(target: string, onProgress: (statusCode: number | null) => void) {
    this.sent.push('REFER');
    this.referTarget = target;
    this.notify = onProgress;
    return this.referStatus;
  }
}

class StepClock {
  time = 1000;
  timers = new Map<number, { at: number; fn: () => void }>();
  private id = 0;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    this.timers.set(++this.id, { at: this.time + ms, fn });
    return this.id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  advance(ms: number) {
    this.time += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.time) {
        this.timers.delete(id);
        t.fn();
      }
    }
  }
}

function incomingCall() {
  const session = new FakeSession();
  const clock = new StepClock();
  const changes: CallSnapshot[] = [];
  const call = new Call(session, {
    direction: 'incoming',
    callerId: extractCallerId({ 'P-Asserted-Identity': '<sip:+56912345678@carrier>' }),
    clock,
    transferNotifyTimeoutMs: 8000,
    onChange: (s) => changes.push(s),
  });
  return { session, clock, call, changes };
}

async function answered() {
  const setup = incomingCall();
  await setup.call.answer();
  return setup;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Call', () => {
  it('rings with the caller id, then is active once answered', async () => {
    const { call, clock, changes } = incomingCall();
    expect(call.snapshot).toMatchObject({
      phase: 'ringing',
      callerId: { label: '+56912345678' },
      startedAt: 1000,
    });
    clock.time = 4000;
    await call.answer();
    expect(changes.map((c) => c.phase)).toEqual(['connecting', 'active']);
    expect(call.snapshot.answeredAt).toBe(4000);
  });

  it('rejects a ringing call: 486 and outcome "rechazada"', async () => {
    const { call, session } = incomingCall();
    await call.reject();
    expect(session.sent).toEqual(['486']);
    expect(call.snapshot).toMatchObject({ phase: 'ended', outcome: 'rejected' });
  });

  it('ends as missed when the caller gives up, or answered elsewhere on CANCEL cause=200', () => {
    const a = incomingCall();
    a.session.onEnded?.({ by: 'remote-cancel', completedElsewhere: false });
    expect(a.call.snapshot.outcome).toBe('missed');
    const b = incomingCall();
    b.session.onEnded?.({ by: 'remote-cancel', completedElsewhere: true });
    expect(b.call.snapshot.outcome).toBe('answered-elsewhere');
  });

  it('hangs up with BYE once connected; the customer hanging up ends it too', async () => {
    const a = await answered();
    await a.call.hangup();
    expect(a.session.sent).toEqual(['200 OK', 'BYE']);
    expect(a.call.snapshot.outcome).toBe('answered');
    const b = await answered();
    b.session.onEnded?.({ by: 'remote-bye' });
    expect(b.call.snapshot).toMatchObject({ phase: 'ended', outcome: 'answered' });
  });

  it('holds and resumes, and keeps the call active with a note if the hold is refused', async () => {
    const { call, session } = await answered();
    await call.hold();
    expect(call.snapshot.phase).toBe('held');
    await call.resume();
    expect(call.snapshot.phase).toBe('active');
    session.holdAnswer = 'reject';
    await call.hold();
    expect(call.snapshot).toMatchObject({ phase: 'active', note: 'No se pudo poner la llamada en espera.' });
  });

  it('mutes and sends valid DTMF tones only while connected', async () => {
    const ringing = incomingCall();
    expect(ringing.call.sendDtmf('1')).toBe(false);
    const { call, session } = await answered();
    call.setMuted(true);
    expect(call.snapshot.muted).toBe(true);
    expect(call.sendDtmf('5')).toBe(true);
    expect(call.sendDtmf('#')).toBe(true);
    expect(call.sendDtmf('x')).toBe(false);
    expect(call.sendDtmf('55')).toBe(false);
    expect(session.sent).toEqual(['200 OK', 'mute', 'DTMF 5', 'DTMF #']);
  });

  it('blind transfer accepted (202 + NOTIFY 200): the agent leg ends, outcome transferred', async () => {
    const { call, session } = await answered();
    const result = call.blindTransfer('sip:26939901@companion.test', '26939901');
    expect(call.snapshot.transfer).toEqual({
      target: '26939901',
      kind: 'blind',
      status: 'pending',
      reason: null,
    });
    await flush();
    session.notify?.(100);
    expect(call.snapshot.transfer?.status).toBe('pending');
    session.notify?.(200);
    expect(await result).toEqual({ ok: true });
    expect(session.referTarget).toBe('sip:26939901@companion.test');
    expect(session.sent).toEqual(['200 OK', 'REFER', 'BYE']);
    expect(call.snapshot).toMatchObject({
      phase: 'ended',
      outcome: 'transferred',
      transfer: { status: 'accepted' },
    });
  });

  it('blind transfer to a number that fails (NOTIFY 404): the call stays, with the reason', async () => {
    const { call, session } = await answered();
    const result = call.blindTransfer('sip:5555@companion.test', '5555');
    await flush();
    session.notify?.(404);
    expect(await result).toEqual({ ok: false, reason: 'El número de destino no está disponible.' });
    expect(call.snapshot).toMatchObject({ phase: 'active', transfer: { status: 'failed' } });
    expect(session.sent).not.toContain('BYE');
  });

  it('blind transfer refused outright (REFER 403): the call stays', async () => {
    const { call, session } = await answered();
    session.referStatus = 403;
    expect(await call.blindTransfer('sip:26939901@companion.test')).toEqual({
      ok: false,
      reason: 'La central no permite transferir esta llamada.',
    });
    expect(call.snapshot.phase).toBe('active');
  });

  it('blind transfer with no final NOTIFY: taken as done after the wait', async () => {
    const { call, session, clock } = await answered();
    const result = call.blindTransfer('sip:26939901@companion.test');
    await flush();
    clock.advance(7999);
    expect(call.snapshot.transfer?.status).toBe('pending');
    clock.advance(1);
    expect(await result).toEqual({ ok: true });
    expect(session.sent.at(-1)).toBe('BYE');
  });

  it('blind transfer completed by the transferee hanging up its leg: no BYE of ours', async () => {
    const { call, session } = await answered();
    const result = call.blindTransfer('sip:26939901@companion.test');
    await flush();
    session.onEnded?.({ by: 'remote-bye' });
    expect(await result).toEqual({ ok: true });
    expect(session.sent).toEqual(['200 OK', 'REFER']);
    expect(call.snapshot.outcome).toBe('transferred');
  });

  it('does not transfer a ringing call', async () => {
    const { call, session } = incomingCall();
    expect((await call.blindTransfer('sip:1@x')).ok).toBe(false);
    expect(session.sent).toEqual([]);
  });
});

describe('Call: companion mode and line loss', () => {
  function companionCall() {
    const session = new FakeSession();
    const call = new Call(session, {
      direction: 'incoming',
      callerId: extractCallerId({ From: '<sip:+56912345678@x>' }),
      companion: true,
    });
    return { session, call };
  }

  it('in companion mode never answers, rejects or hangs up: the other device owns the call', async () => {
    const { call, session } = companionCall();
    expect(call.answerable).toBe(false);
    await call.answer();
    await call.reject();
    await call.hangup();
    expect(session.sent).toEqual([]);
    expect(call.snapshot.phase).toBe('ringing');
    session.onEnded?.({ by: 'remote-cancel', completedElsewhere: true });
    expect(call.snapshot).toMatchObject({ phase: 'ended', outcome: 'answered-elsewhere', companion: true });
  });

  it('ends a call still ringing when the line drops, as missed, saying why', () => {
    const { call, session } = incomingCall();
    call.connectionLost();
    expect(session.sent).toEqual(['486']);
    expect(call.snapshot).toMatchObject({
      phase: 'ended',
      outcome: 'missed',
      note: 'Dejó de sonar: se perdió la conexión con la central.',
    });
  });

  it('keeps a connected call over a line loss and refreshes it when the line is back', async () => {
    const { call, session } = await answered();
    call.connectionLost();
    expect(call.snapshot).toMatchObject({ phase: 'active', lineLost: true });
    await call.connectionRestored();
    expect(session.sent).toEqual(['200 OK', 'refresh']);
    expect(call.snapshot).toMatchObject({
      phase: 'active',
      lineLost: false,
      note: 'Se recuperó la conexión con la central; la llamada sigue.',
    });
  });

  it('ends the call when the far end no longer knows it after the loss (481)', async () => {
    const { call, session } = await answered();
    call.connectionLost();
    session.refreshAnswer = 'gone';
    await call.connectionRestored();
    expect(call.snapshot).toMatchObject({
      phase: 'ended',
      outcome: 'answered',
      note: 'La llamada terminó mientras no había conexión con la central.',
    });
  });

  it('does not refresh a call that never saw the line drop', async () => {
    const { call, session } = await answered();
    await call.connectionRestored();
    expect(session.sent).toEqual(['200 OK']);
  });

  it('tells every subscriber about changes until it unsubscribes', async () => {
    const { call } = incomingCall();
    const seen: string[] = [];
    const stop = call.subscribe((s) => seen.push(s.phase));
    await call.answer();
    stop();
    await call.hangup();
    expect(seen).toEqual(['connecting', 'active']);
  });
});
