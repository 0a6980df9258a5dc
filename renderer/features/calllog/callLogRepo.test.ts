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
});
