import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractCallerId } from '../../../shared/telephony/callerId';
import { callReducer, newCall, type CallEvent, type CallSnapshot } from '../../../shared/telephony/callState';
import { CompanionDb } from '../../db/db';
import { CallLog } from './callLogRepo';

const db = new CompanionDb();
const log = new CallLog(db);
const recordCall = (call: CallSnapshot) => log.recordCall(call);
const setCallCustomer = (id: string, codigo: string, blocks: string[]) =>
  log.setCallCustomer(id, codigo, blocks);
const markCalledBack = (id: string, callBackId: string, at: number) => log.markCalledBack(id, callBackId, at);
const missedCalls = () => log.missedCalls();
const recentCalls = () => log.recentCalls();
const getLoggedCall = (id: string) => log.getLoggedCall(id);
const callLogSettled = () => log.settled();

const callerId = extractCallerId({ 'P-Asserted-Identity': '<sip:+56944556677@carrier>' });
const ring = (id: string, at: number): CallSnapshot => newCall({ id, direction: 'incoming', callerId, at });
const then = (call: CallSnapshot, ...events: CallEvent[]) => events.reduce(callReducer, call);

describe('call log repository', () => {
  beforeEach(async () => {
    await db.calls.clear();
  });

  it('writes the call at its start and completes it at its end, customer included', async () => {
    const call = ring('c1', 1000);
    void recordCall(call);
    // The pop-up identifies the customer while the call still rings.
    void setCallCustomer('c1', '90000003', ['Z1']);
    void recordCall(
      then(call, { type: 'established', at: 2000 }, { type: 'ended', cause: 'remote-hangup', at: 9000 }),
    );
    await callLogSettled();
    expect(await getLoggedCall('c1')).toMatchObject({
      number: '+56944556677',
      customerCode: '90000003',
      blockCodes: ['Z1'],
      startedAt: 1000,
      answeredAt: 2000,
      endedAt: 9000,
      outcome: 'answered',
    });
  });

  it('keeps a customer named before the entry exists', async () => {
    await setCallCustomer('early', '90000004', ['Z1', 'B2']);
    await recordCall(ring('early', 5));
    expect(await getLoggedCall('early')).toMatchObject({
      customerCode: '90000004',
      blockCodes: ['Z1', 'B2'],
    });
  });

  it('lists only missed calls, newest first, and marks the one called back', async () => {
    await recordCall(then(ring('old', 1000), { type: 'ended', cause: 'remote-cancel', at: 1500 }));
    await recordCall(
      then(
        ring('answered', 2000),
        { type: 'established', at: 2100 },
        { type: 'ended', cause: 'remote-hangup', at: 3000 },
      ),
    );
    await recordCall(then(ring('new', 4000), { type: 'ended', cause: 'remote-cancel', at: 4500 }));
    await recordCall(ring('ringing', 5000));
    expect((await missedCalls()).map((c) => c.id)).toEqual(['new', 'old']);
    expect((await recentCalls()).map((c) => c.id)).toEqual(['ringing', 'new', 'answered', 'old']);

    await markCalledBack('new', 'out-1', 6000);
    expect(await getLoggedCall('new')).toMatchObject({
      calledBackAt: 6000,
      callBackId: 'out-1',
      outcome: 'missed',
    });
  });

  it('searches the history by a number in any written form, a customer code or name, a block code and an outcome', async () => {
    await recordCall(then(ring('missed', 1000), { type: 'ended', cause: 'remote-cancel', at: 1500 }));
    await log.setCallCustomer('missed', '90000003', ['Z1'], 'María Pérez');
    const other = newCall({
      id: 'answered',
      direction: 'incoming',
      callerId: extractCallerId({ 'P-Asserted-Identity': '<sip:+56222334455@carrier>' }),
      at: 2000,
    });
    await recordCall(
      then(other, { type: 'established', at: 2100 }, { type: 'ended', cause: 'remote-hangup', at: 3000 }),
    );
    await setCallCustomer('answered', '90000777', ['ZB']);
    const ids = async (filter: Parameters<CallLog['history']>[0]) =>
      (await log.history(filter)).map((c) => c.id);
    expect(await ids({})).toEqual(['answered', 'missed']);
    expect(await ids({ text: '9 4455 6677' })).toEqual(['missed']);
    expect(await ids({ text: '(2) 2233-4455' })).toEqual(['answered']);
    expect(await ids({ text: '90000777' })).toEqual(['answered']);
    expect(await ids({ text: 'zb' })).toEqual(['answered']);
    expect(await ids({ text: 'maria perez' })).toEqual(['missed']);
    expect(await ids({ outcome: 'missed' })).toEqual(['missed']);
    expect(await ids({ outcome: 'answered', text: 'z1' })).toEqual([]);
  });

  it('a call placed by "Devolver llamada" names the call it returned, even if its entry comes later', async () => {
    await recordCall(then(ring('missed', 1000), { type: 'ended', cause: 'remote-cancel', at: 1500 }));
    await markCalledBack('missed', 'out-1', 2000);
    await recordCall(
      newCall({
        id: 'out-1',
        direction: 'outgoing',
        callerId: extractCallerId({ From: '<sip:+56944556677@x>' }),
        at: 2000,
      }),
    );
    expect(await getLoggedCall('out-1')).toMatchObject({ callBackOf: 'missed' });
  });

  it('pruning forgets only old calls the back office has; pending, refused and unfinished ones stay', async () => {
    const DAY = 86_400_000;
    const now = 200 * DAY;
    const old = now - 100 * DAY;
    for (const id of ['sent-old', 'pending-old', 'refused-old', 'sent-new'])
      await recordCall(
        then(ring(id, id.endsWith('new') ? now - DAY : old), {
          type: 'ended',
          cause: 'remote-cancel',
          at: old + 1,
        }),
      );
    await recordCall(ring('unfinished-old', old));
    await log.applyUploadVerdicts([
      { id: 'sent-old', status: 'accepted' },
      { id: 'refused-old', status: 'rejected', reason: 'Inicio: fecha no válida.' },
      { id: 'sent-new', status: 'duplicate' },
    ]);
    expect(await log.prune(90, now)).toBe(1);
    expect((await recentCalls()).map((c) => c.id).sort()).toEqual([
      'pending-old',
      'refused-old',
      'sent-new',
      'unfinished-old',
    ]);
    expect(await log.prune(0.5, now)).toBe(1);
    expect(await getLoggedCall('sent-new')).toBeUndefined();
  });

  it('writes a call only once told to (after the pop-up painted), in order, and settled() waits for it', async () => {
    let go!: () => void;
    const painted = new Promise<void>((resolve) => (go = resolve));
    const later = new CallLog(db, () => painted);
    const call = ring('deferred', 1000);
    void later.recordCall(call);
    void later.setCallCustomer('deferred', '90000003', ['Z1'], 'María Pérez');
    void later.recordCall(then(call, { type: 'ended', cause: 'remote-cancel', at: 4000 }));
    const settled = later.settled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await getLoggedCall('deferred')).toBeUndefined();

    go();
    await settled;
    expect(await getLoggedCall('deferred')).toMatchObject({
      customerCode: '90000003',
      blockCodes: ['Z1'],
      endedAt: 4000,
      outcome: 'missed',
      uploadStatus: 'pendiente',
    });
  });
});
