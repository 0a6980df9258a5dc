import { describe, expect, it } from 'vitest';
import { callLogEntry, callLogOutcomeLabel, canCallBack } from './callLog';
import { extractCallerId } from './callerId';
import { callReducer, newCall, type CallEvent, type CallSnapshot } from './callState';

const caller = extractCallerId({
  'P-Asserted-Identity': '<sip:+56944556677@carrier>',
  From: '"María" <sip:x@y>',
});
const run = (
  events: CallEvent[],
  from: CallSnapshot = newCall({ id: 'c1', direction: 'incoming', callerId: caller, at: 1000 }),
) => events.reduce(callReducer, from);
const entry = (call: CallSnapshot, previous = null) =>
  callLogEntry(call, { telecobranzasNumber: '26939901', previous });

describe('call log entries', () => {
  it('logs a ringing call without an outcome, then as missed once the caller gives up', () => {
    const ringing = entry(run([]));
    expect(ringing).toMatchObject({
      id: 'c1',
      direction: 'incoming',
      number: '+56944556677',
      label: '+56944556677',
      displayName: 'María',
      outcome: null,
      customerCode: null,
      blockCodes: [],
    });
    expect(callLogOutcomeLabel(ringing)).toBe('en curso');
    const missed = entry(run([{ type: 'ended', cause: 'remote-cancel', at: 5000 }]));
    expect(missed).toMatchObject({ outcome: 'missed', endedAt: 5000 });
    expect(callLogOutcomeLabel(missed)).toBe('perdida');
    expect(canCallBack(missed)).toBe(true);
  });

  it('tells a transfer to Telecobranzas apart from one to any number', () => {
    const transferredTo = (target: string) =>
      entry(
        run([
          { type: 'established', at: 2000 },
          { type: 'transfer-requested', target },
          { type: 'transfer-accepted' },
          { type: 'ended', cause: 'local-hangup', at: 3000 },
        ]),
      );
    expect(callLogOutcomeLabel(transferredTo('26939901'))).toBe('transferida a Telecobranzas');
    expect(transferredTo('26939901').transferTarget).toBe('26939901');
    expect(callLogOutcomeLabel(transferredTo('2000'))).toBe('transferida a 2000');
  });

  it('says "contestada en otro equipo" for a companion-mode call answered on the other device', () => {
    const call = run(
      [{ type: 'ended', cause: 'completed-elsewhere', at: 4000 }],
      newCall({ id: 'c2', direction: 'incoming', callerId: caller, at: 1000, companion: true }),
    );
    const logged = entry(call);
    expect(logged).toMatchObject({ outcome: 'answered-elsewhere', companion: true });
    expect(callLogOutcomeLabel(logged)).toBe('contestada en otro equipo');
    expect(canCallBack(logged)).toBe(false);
  });

  it('keeps the customer and the call-back mark of the stored entry', () => {
    const first = {
      ...entry(run([])),
      customerCode: '90000003',
      blockCodes: ['Z1'],
      calledBackAt: 9,
      callBackId: 'cb',
    };
    const ended = callLogEntry(run([{ type: 'ended', cause: 'remote-cancel', at: 5 }]), {
      telecobranzasNumber: '26939901',
      previous: first,
    });
    expect(ended).toMatchObject({
      customerCode: '90000003',
      blockCodes: ['Z1'],
      calledBackAt: 9,
      callBackId: 'cb',
      outcome: 'missed',
    });
  });

  it('cannot call back an unknown number', () => {
    const unknown = extractCallerId({ From: '<sip:anonymous@x>' });
    const call = run(
      [{ type: 'ended', cause: 'remote-cancel', at: 2 }],
      newCall({ id: 'c3', direction: 'incoming', callerId: unknown, at: 1 }),
    );
    expect(entry(call).label).toBe('Número desconocido');
    expect(canCallBack(entry(call))).toBe(false);
  });
});
