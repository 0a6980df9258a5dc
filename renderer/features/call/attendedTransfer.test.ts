import { describe, expect, it } from 'vitest';
import { extractCallerId } from '../../../shared/telephony/callerId';
import { completeTransfer, returnToCustomer, startConsult, type ConsultDeps } from './attendedTransfer';
import { Call, type CallSessionPort, type SessionEnd } from './Call';

/** A SIP session driven by the test; it records what was sent on it. */
class FakeSession implements CallSessionPort {
  onEstablished: (() => void) | null = null;
  onEnded: ((end: SessionEnd) => void) | null = null;
  sent: string[] = [];
  holdWorks = true;
  referTarget: string | null = null;
  notify: ((status: number | null) => void) | null = null;
  constructor(readonly id: string) {}
  async accept() {
    this.onEstablished?.();
  }
  async reject() {
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
    if (!this.holdWorks) throw new Error('488');
    this.sent.push(hold ? 'hold' : 'resume');
  }
  setMuted() {}
  sendDtmf() {
    return true;
  }
  async refer(target: string, onProgress: (status: number | null) => void) {
    this.sent.push('REFER');
    this.referTarget = target;
    this.notify = onProgress;
    return 202;
  }
  dialogIds() {
    return { callId: `${this.id}@pbx`, localTag: `${this.id}-ours`, remoteTag: `${this.id}-theirs` };
  }
  async refresh() {
    return 'ok' as const;
  }
}

class StepClock {
  time = 0;
  timers: Array<{ at: number; fn: () => void }> = [];
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => this.timers.push({ at: this.time + ms, fn });
  clearTimeout = () => undefined;
  advance(ms: number) {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    due.forEach((t) => t.fn());
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

async function setup() {
  const customerSession = new FakeSession('customer');
  const customer = new Call(customerSession, {
    direction: 'incoming',
    callerId: extractCallerId({ From: '<sip:+56944556677@x>' }),
  });
  await customer.answer();
  const calls = new Map<string, Call>([[customer.id, customer]]);
  const consultSessions: FakeSession[] = [];
  const clock = new StepClock();
  const deps: ConsultDeps = {
    dial: (number, options) => {
      if (number === '999') throw new Error('invalid');
      const session = new FakeSession(`consult-${consultSessions.length + 1}`);
      consultSessions.push(session);
      const call = new Call(session, {
        direction: 'outgoing',
        callerId: extractCallerId({ From: `<sip:${number}@x>` }),
        consultFor: options.consultFor,
      });
      calls.set(call.id, call);
      return call;
    },
    uriFor: (number) => `sip:${number}@companion.test`,
    getCall: (id) => calls.get(id),
    clock,
    consultHangupDelayMs: 5000,
  };
  return { customer, customerSession, consultSessions, deps, calls, clock };
}

describe('attended transfer', () => {
  it('holds the customer, calls the consult target, then hands the customer over with Replaces', async () => {
    const { customer, customerSession, consultSessions, deps, calls, clock } = await setup();
    expect(await startConsult(customer, '2000', deps)).toEqual({ ok: true });
    expect(customer.snapshot).toMatchObject({ phase: 'held', consult: { target: '2000' } });
    const consult = calls.get(customer.snapshot.consult!.callId)!;
    expect(consult.snapshot).toMatchObject({
      direction: 'outgoing',
      consultFor: customer.id,
      phase: 'ringing',
    });

    // Not answered yet: nothing to hand over to.
    expect(await completeTransfer(customer, deps)).toEqual({ ok: false, reason: '2000 aún no contesta.' });
    consultSessions[0]!.onEstablished?.();

    const done = completeTransfer(customer, deps);
    await flush();
    expect(customerSession.referTarget).toBe(
      'sip:2000@companion.test?Replaces=consult-1%40pbx%3Bto-tag%3Dconsult-1-theirs%3Bfrom-tag%3Dconsult-1-ours',
    );
    expect(customer.snapshot.transfer).toMatchObject({ kind: 'attended', status: 'pending', target: '2000' });
    customerSession.notify?.(200);
    expect(await done).toEqual({ ok: true });
    expect(customer.snapshot).toMatchObject({ phase: 'ended', outcome: 'transferred', consult: null });

    // The target did not end our consult leg by itself: we do, after a while.
    expect(consult.snapshot.phase).toBe('active');
    clock.advance(5000);
    expect(consultSessions[0]!.sent).toEqual(['BYE']);
  });

  it('does not say "terminó la consulta" when the target ends the consult leg as part of the hand-over', async () => {
    const { customer, customerSession, consultSessions, deps } = await setup();
    await startConsult(customer, '2000', deps);
    consultSessions[0]!.onEstablished?.();
    const done = completeTransfer(customer, deps);
    await flush();
    consultSessions[0]!.onEnded?.({ by: 'remote-bye' });
    customerSession.onEnded?.({ by: 'remote-bye' });
    expect(await done).toEqual({ ok: true });
    expect(customer.snapshot).toMatchObject({ outcome: 'transferred', note: null });
  });

  it('goes back to the customer: hangs up the consult call and resumes', async () => {
    const { customer, customerSession, consultSessions, deps } = await setup();
    await startConsult(customer, '2000', deps);
    consultSessions[0]!.onEstablished?.();
    expect(await returnToCustomer(customer, deps)).toEqual({ ok: true });
    expect(consultSessions[0]!.sent).toEqual(['BYE']);
    expect(customerSession.sent).toEqual(['hold', 'resume']);
    expect(customer.snapshot).toMatchObject({ phase: 'active', consult: null, note: null });
  });

  it('cancels a consult call that is still ringing when going back', async () => {
    const { customer, consultSessions, deps } = await setup();
    await startConsult(customer, '2000', deps);
    await returnToCustomer(customer, deps);
    expect(consultSessions[0]!.sent).toEqual(['CANCEL']);
    expect(customer.snapshot.phase).toBe('active');
  });

  it('keeps the customer on hold, with the reason, when the consult target is busy', async () => {
    const { customer, consultSessions, deps } = await setup();
    await startConsult(customer, '2000', deps);
    consultSessions[0]!.onEnded?.({ by: 'failed', statusCode: 486 });
    expect(customer.snapshot).toMatchObject({
      phase: 'held',
      consult: null,
      note: 'La consulta a 2000 no se conectó: El número está ocupado.',
    });
  });

  it('keeps the customer (and the consult) when the hand-over fails', async () => {
    const { customer, customerSession, consultSessions, deps } = await setup();
    await startConsult(customer, '2000', deps);
    consultSessions[0]!.onEstablished?.();
    const done = completeTransfer(customer, deps);
    await flush();
    customerSession.notify?.(603);
    expect(await done).toEqual({ ok: false, reason: 'El destino rechazó la transferencia.' });
    expect(customer.snapshot).toMatchObject({ phase: 'held', consult: { target: '2000' } });
    expect(consultSessions[0]!.sent).toEqual([]);
  });

  it('refuses without hold, for a companion call, or an invalid number', async () => {
    const a = await setup();
    a.customerSession.holdWorks = false;
    expect(await startConsult(a.customer, '2000', a.deps)).toEqual({
      ok: false,
      reason: 'No se pudo poner al cliente en espera.',
    });
    expect(a.consultSessions).toHaveLength(0);
    const b = await setup();
    expect(await startConsult(b.customer, 'abc', b.deps)).toEqual({
      ok: false,
      reason: 'Ingrese un número válido.',
    });
    expect(await startConsult(b.customer, '999', b.deps)).toEqual({
      ok: false,
      reason: 'No se pudo llamar a 999.',
    });
    const companion = new Call(new FakeSession('c'), {
      direction: 'incoming',
      callerId: extractCallerId({}),
      companion: true,
    });
    expect((await startConsult(companion, '2000', b.deps)).ok).toBe(false);
  });
});
