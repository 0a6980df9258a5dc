import { describe, expect, it } from 'vitest';
import { extractCallerId } from './callerId';
import {
  callReducer,
  isCompletedElsewhere,
  newCall,
  sipfragStatus,
  transferFailureReason,
  type CallEvent,
  type CallSnapshot,
} from './callState';

const callerId = extractCallerId({ From: '<sip:+56912345678@127.0.0.1>' });
const incoming = (): CallSnapshot => newCall({ id: 'c1', direction: 'incoming', callerId, at: 1000 });
const run = (events: CallEvent[], from = incoming()) => events.reduce(callReducer, from);

describe('callReducer', () => {
  it('rings, connects on answer, then is active with its answer time', () => {
    const call = run([{ type: 'answer-requested' }, { type: 'established', at: 3000 }]);
    expect(call).toMatchObject({ phase: 'active', answeredAt: 3000, outcome: null });
    expect(run([{ type: 'ended', cause: 'remote-hangup', at: 9000 }], call)).toMatchObject({
      phase: 'ended',
      outcome: 'answered',
      endedAt: 9000,
    });
  });

  it('gives ringing calls the outcome of how they ended', () => {
    const end = (cause: Extract<CallEvent, { type: 'ended' }>['cause']) =>
      run([{ type: 'ended', cause, at: 2 }]).outcome;
    expect(end('local-reject')).toBe('rejected');
    expect(end('remote-cancel')).toBe('missed');
    expect(end('completed-elsewhere')).toBe('answered-elsewhere');
    expect(end('failed')).toBe('missed');
  });

  it('holds and resumes only an active call; mute only while connected', () => {
    const active = run([{ type: 'established', at: 1 }]);
    expect(run([{ type: 'held' }], active).phase).toBe('held');
    expect(run([{ type: 'held' }, { type: 'resumed' }], active).phase).toBe('active');
    expect(run([{ type: 'held' }]).phase).toBe('ringing');
    expect(run([{ type: 'muted', muted: true }]).muted).toBe(false);
    expect(run([{ type: 'muted', muted: true }], active).muted).toBe(true);
  });

  it('ends as transferred once the transfer was accepted', () => {
    const call = run([
      { type: 'established', at: 1 },
      { type: 'transfer-requested', target: '26939901' },
      { type: 'transfer-accepted' },
      { type: 'ended', cause: 'local-hangup', at: 5 },
    ]);
    expect(call.transfer).toEqual({ target: '26939901', kind: 'blind', status: 'accepted', reason: null });
    expect(call.outcome).toBe('transferred');
  });

  it('keeps the call when a transfer fails, with the reason', () => {
    const call = run([
      { type: 'established', at: 1 },
      { type: 'transfer-requested', target: '5555' },
      { type: 'transfer-failed', reason: 'El número de destino no está disponible.' },
    ]);
    expect(call).toMatchObject({
      phase: 'active',
      transfer: { status: 'failed', reason: 'El número de destino no está disponible.' },
    });
    expect(run([{ type: 'ended', cause: 'local-hangup', at: 9 }], call).outcome).toBe('answered');
  });

  it('does not transfer a ringing call, nor start a second transfer while one is pending', () => {
    expect(run([{ type: 'transfer-requested', target: 'x' }]).transfer).toBeNull();
    const pending = run([
      { type: 'established', at: 1 },
      { type: 'transfer-requested', target: 'a' },
    ]);
    expect(run([{ type: 'transfer-requested', target: 'b' }], pending).transfer?.target).toBe('a');
  });

  it('ignores everything once ended', () => {
    const ended = run([{ type: 'ended', cause: 'remote-cancel', at: 2 }]);
    expect(run([{ type: 'established', at: 3 }], ended)).toBe(ended);
  });
});

describe('SIP helpers', () => {
  it('recognises a CANCEL for a call answered on another device', () => {
    expect(isCompletedElsewhere('SIP;cause=200;text="Call completed elsewhere"')).toBe(true);
    expect(isCompletedElsewhere('SIP ;cause=200')).toBe(true);
    expect(isCompletedElsewhere('SIP;cause=487;text="Request Terminated"')).toBe(false);
    expect(isCompletedElsewhere('Q.850;cause=16')).toBe(false);
    expect(isCompletedElsewhere(undefined)).toBe(false);
  });

  it('reads sipfrag bodies and explains failures in Spanish', () => {
    expect(sipfragStatus('SIP/2.0 200 OK\r\n')).toBe(200);
    expect(sipfragStatus('SIP/2.0 100 Trying')).toBe(100);
    expect(sipfragStatus('garbage')).toBeNull();
    expect(transferFailureReason(404)).toBe('El número de destino no está disponible.');
    expect(transferFailureReason(486)).toBe('El número de destino está ocupado.');
    expect(transferFailureReason(500)).toBe('La transferencia falló (código 500).');
  });
});

describe('callReducer: companion mode, consult, line loss', () => {
  it('never lets a companion-mode call be answered here', () => {
    const companion = newCall({ id: 'c9', direction: 'incoming', callerId, at: 1, companion: true });
    expect(callReducer(companion, { type: 'answer-requested' })).toBe(companion);
    expect(callReducer(companion, { type: 'ended', cause: 'completed-elsewhere', at: 3 }).outcome).toBe(
      'answered-elsewhere',
    );
  });

  it('records a consult on a connected call and clears it when it ends', () => {
    const held = run([{ type: 'established', at: 1 }, { type: 'held' }]);
    const consulting = run([{ type: 'consult-started', callId: 'c2', target: '2000' }], held);
    expect(consulting.consult).toEqual({ callId: 'c2', target: '2000' });
    expect(run([{ type: 'consult-started', callId: 'c3', target: '3000' }], consulting).consult?.callId).toBe(
      'c2',
    );
    expect(run([{ type: 'consult-ended', note: '2000 no contestó' }], consulting)).toMatchObject({
      consult: null,
      note: '2000 no contestó',
    });
    expect(run([{ type: 'consult-started', callId: 'c2', target: '2000' }]).consult).toBeNull();
  });

  it('marks a connected call while the line is lost, and says when it is back', () => {
    const active = run([{ type: 'established', at: 1 }]);
    const lost = run([{ type: 'connection-lost' }], active);
    expect(lost).toMatchObject({
      lineLost: true,
      note: 'Se perdió la conexión con la central; la llamada puede cortarse.',
    });
    expect(run([{ type: 'connection-restored' }], lost)).toMatchObject({
      lineLost: false,
      note: 'Se recuperó la conexión con la central; la llamada sigue.',
    });
    expect(run([{ type: 'ended', cause: 'connection-lost', at: 9 }], lost)).toMatchObject({
      outcome: 'answered',
      lineLost: false,
      note: 'La llamada terminó mientras no había conexión con la central.',
    });
    expect(run([{ type: 'ended', cause: 'connection-lost', at: 9 }]).outcome).toBe('missed');
  });

  it('records the kind of transfer', () => {
    const call = run([
      { type: 'established', at: 1 },
      { type: 'transfer-requested', target: '2000', kind: 'attended' },
    ]);
    expect(call.transfer).toMatchObject({ target: '2000', kind: 'attended', status: 'pending' });
  });
});
