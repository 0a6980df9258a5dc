// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallVerdict } from '../../shared/api/calls';
import { buildRequest, checkRequest, type Endpoint } from '../../shared/api/endpoint';
import { extractCallerId } from '../../shared/telephony/callerId';
import { callLogOutcomeLabel } from '../../shared/telephony/callLog';
import { callRecordSchema, type CallRecord } from '../../shared/telephony/callRecord';
import { callReducer, newCall, type CallEvent, type CallSnapshot } from '../../shared/telephony/callState';
import type { ApiFailure, ApiResult, BackOfficeClient } from '../backoffice/client';
import { CompanionDb } from '../db/db';
import { CallLog } from '../features/calllog';
import { drainQueue, type SenderDeps } from '../features/sync';
import { OutboxRepository } from '../features/outbox';
import { callsUploadQueue, formsUploadQueue } from './uploadQueues';

const db = new CompanionDb('upload-queue-test');
/** Who is signed in on this desk now (a test changes it as agents sign in and out). */
let signedIn: string | null = 'ana';
const log = new CallLog(db, undefined, () => signedIn);
const queue = callsUploadQueue(log, () => signedIn);

const callerId = extractCallerId({ 'P-Asserted-Identity': '<sip:+56944556677@carrier>' });
/** Call times in the range the server accepts (2000–2099). */
const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const then = (call: CallSnapshot, ...events: CallEvent[]) => events.reduce(callReducer, call);

/** A call that rang at `at` and the customer hung up before anyone answered. */
async function missedCall(id: string, at: number): Promise<void> {
  const ringing = newCall({ id, direction: 'incoming', callerId, at: T0 + at });
  await log.recordCall(ringing);
  await log.setCallCustomer(id, '90000003', ['z1']);
  await log.recordCall(then(ringing, { type: 'ended', cause: 'remote-cancel', at: T0 + at + 4_000 }));
}

type Fault = 'down' | 'lost-ack' | '503';

/** The back office's POST /calls/batch as the sender sees it: the shared schema, one row per call id. */
class FakeCallServer {
  readonly stored = new Map<string, CallRecord>();
  readonly requests: string[][] = [];
  faults: Fault[] = [];
  refuse = new Map<string, string>();

  post = async (calls: readonly CallRecord[]): Promise<ApiResult<{ results: CallVerdict[] }>> => {
    this.requests.push(calls.map((c) => c.id));
    const fault = this.faults.shift();
    const fail = (failure: ApiFailure) => ({ ok: false as const, failure });
    if (fault === 'down') return fail({ kind: 'network', message: 'Sin conexión con la central.' });
    if (fault === '503') return fail({ kind: 'server', status: 503, message: 'La central respondió 503.' });
    const results: CallVerdict[] = calls.map((raw) => {
      const reason = this.refuse.get(raw.id);
      if (reason) return { id: raw.id, status: 'rejected', reason };
      const call = callRecordSchema.parse(raw);
      if (this.stored.has(call.id)) return { id: call.id, status: 'duplicate' };
      this.stored.set(call.id, call);
      return { id: call.id, status: 'accepted' };
    });
    if (fault === 'lost-ack') return fail({ kind: 'network', message: 'Sin conexión con la central.' });
    return { ok: true, value: { results }, serverDate: null };
  };
}

function deps(server: FakeCallServer): SenderDeps<CallRecord> {
  const api = {
    call: (_url: string, _token: string, _endpoint: unknown, input: { body: { calls: CallRecord[] } }) =>
      server.post(input.body.calls),
  } as unknown as BackOfficeClient;
  return {
    nextBatch: (limit, maxChars) => queue.nextBatch(limit, maxChars),
    applyVerdicts: (verdicts) => queue.applyVerdicts(verdicts),
    credentials: async () => ({ serverUrl: 'http://central', token: 't' }),
    post: (serverUrl, token, calls) => queue.post(api, serverUrl, token, calls),
    batchSize: 2,
    batchChars: 1_000_000,
    messages: queue.messages,
  };
}

const upload = async (id: string) => (await log.getLoggedCall(id))?.uploadStatus;

describe('the call log as an upload queue (POST /calls/batch)', () => {
  beforeEach(async () => {
    await db.calls.clear();
    signedIn = 'ana';
  });

  it('a call that is still ringing is not queued; once it ends it is, with customer, blocks and times', async () => {
    const ringing = newCall({ id: 'c1', direction: 'incoming', callerId, at: T0 + 1_000 });
    await log.recordCall(ringing);
    expect(await queue.nextBatch(10, 1_000_000)).toEqual([]);
    await log.setCallCustomer('c1', '90000003', ['Z1']);
    await log.recordCall(then(ringing, { type: 'ended', cause: 'remote-cancel', at: T0 + 5_000 }));
    const [item] = await queue.nextBatch(10, 1_000_000);
    expect(item).toEqual({
      id: 'c1',
      payload: expect.objectContaining({
        id: 'c1',
        outcome: 'missed',
        number: '+56944556677',
        customerCode: '90000003',
        blockCodes: ['Z1'],
        startedAt: new Date(T0 + 1_000).toISOString(),
        endedAt: new Date(T0 + 5_000).toISOString(),
        answeredAt: null,
        transferTarget: null,
      }),
    });
  });

  it('through an outage the calls stay pending with the error, then each reaches the server once', async () => {
    await missedCall('a', 1_000);
    await missedCall('b', 2_000);
    await missedCall('c', 3_000);
    const server = new FakeCallServer();
    server.faults = ['down'];
    const first = await drainQueue(deps(server));
    expect(first).toMatchObject({ kind: 'failed', ids: ['a', 'b'] });
    // What the sender records while it backs off (SyncController.markFailed).
    await queue.markAttemptFailed(['a', 'b'], 'Sin conexión con la central.', '2026-12-02T01:00:00.000Z');
    expect(await log.uploadStats('ana')).toMatchObject({
      pending: 3,
      headError: 'Sin conexión con la central.',
    });
    expect(server.stored.size).toBe(0);

    // Back, but the first answer is lost after the server stored the batch: sent again, stored once.
    server.faults = ['lost-ack', '503'];
    expect((await drainQueue(deps(server))).kind).toBe('failed');
    expect((await drainQueue(deps(server))).kind).toBe('failed');
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 3 });
    expect([...server.stored.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(server.requests.flat().filter((id) => id === 'a').length).toBeGreaterThan(1);
    expect(await Promise.all(['a', 'b', 'c'].map(upload))).toEqual(['enviado', 'enviado', 'enviado']);
    expect(await log.uploadStats('ana')).toMatchObject({ pending: 0, rejected: 0 });
    // Nothing left: a later drain sends nothing.
    const before = server.requests.length;
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 0 });
    expect(server.requests.length).toBe(before);
  });

  it('a call the server refuses is kept with its Spanish reason and does not block the others', async () => {
    await missedCall('a', 1_000);
    await missedCall('bad', 2_000);
    await missedCall('c', 3_000);
    await missedCall('d', 4_000);
    const server = new FakeCallServer();
    server.refuse.set('bad', 'Número: Texto con caracteres no válidos.');
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 3, rejected: 1 });
    expect([...server.stored.keys()].sort()).toEqual(['a', 'c', 'd']);
    expect(await log.getLoggedCall('bad')).toMatchObject({
      uploadStatus: 'rechazado',
      uploadError: 'Número: Texto con caracteres no válidos.',
    });
    // Refused is final: it is never sent again by itself, and new calls still go.
    await missedCall('e', 5_000);
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 1, rejected: 0 });
    expect(server.requests.flat().filter((id) => id === 'bad')).toHaveLength(1);
    expect(await log.uploadStats()).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('a call written again after it was sent (a late customer) is not queued a second time', async () => {
    await missedCall('a', 1_000);
    const server = new FakeCallServer();
    await drainQueue(deps(server));
    await log.setCallCustomer('a', '90000009', ['ZB']);
    await log.recordCall(
      then(newCall({ id: 'a', direction: 'incoming', callerId, at: T0 + 1_000 }), {
        type: 'ended',
        cause: 'remote-cancel',
        at: T0 + 5_000,
      }),
    );
    expect(await upload('a')).toBe('enviado');
    expect(await queue.nextBatch(10, 1_000_000)).toEqual([]);
  });
});

describe('calls of one agent never go up under another agent’s session (issue 12)', () => {
  beforeEach(async () => {
    await db.calls.clear();
    signedIn = 'ana';
  });

  it('Ana’s queued calls wait while Beto is signed in on the same desk, and go up when Ana is back', async () => {
    await missedCall('ana-1', 1_000);
    await missedCall('ana-2', 2_000);
    const server = new FakeCallServer();
    server.faults = ['down'];
    expect((await drainQueue(deps(server))).kind).toBe('failed');

    // Beto signs in on this PC: his calls go up under his token, Ana's are held (and said so).
    signedIn = 'beto';
    await missedCall('beto-1', 3_000);
    const before = server.requests.length;
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 1 });
    expect([...server.stored.keys()]).toEqual(['beto-1']);
    expect(server.requests.slice(before).flat()).toEqual(['beto-1']);
    expect(await log.uploadStats('beto')).toMatchObject({ pending: 0, held: { ana: 2 } });
    expect((await log.getLoggedCall('ana-1'))?.agent).toBe('ana');

    // Ana signs in again: hers go up under her session.
    signedIn = 'ana';
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 2 });
    expect([...server.stored.keys()].sort()).toEqual(['ana-1', 'ana-2', 'beto-1']);
    expect(await log.uploadStats('ana')).toMatchObject({ pending: 0, held: {} });
  });

  it('a call keeps the agent of its start even if someone else signs in before it ends', async () => {
    const ringing = newCall({ id: 'x', direction: 'incoming', callerId, at: T0 });
    await log.recordCall(ringing);
    signedIn = 'beto';
    await log.recordCall(then(ringing, { type: 'ended', cause: 'remote-cancel', at: T0 + 4_000 }));
    expect((await log.getLoggedCall('x'))?.agent).toBe('ana');
    expect(await queue.nextBatch(10, 1_000_000)).toEqual([]);
  });

  it('a call logged while nobody was signed in goes up under the next account', async () => {
    signedIn = null;
    await missedCall('nobody', 1_000);
    expect((await log.getLoggedCall('nobody'))?.agent).toBeNull();
    signedIn = 'beto';
    expect((await queue.nextBatch(10, 1_000_000)).map((item) => item.id)).toEqual(['nobody']);
  });
});

describe('a customer look-up that finishes after the call went up (issue 12)', () => {
  beforeEach(async () => {
    await db.calls.clear();
    signedIn = 'ana';
  });

  /** A call that ended before the pop-up's look-up found its customer. */
  async function unknownCall(id: string): Promise<void> {
    const ringing = newCall({ id, direction: 'incoming', callerId, at: T0 });
    await log.recordCall(ringing);
    await log.recordCall(then(ringing, { type: 'ended', cause: 'remote-cancel', at: T0 + 4_000 }));
  }

  it('already uploaded: the call goes up again with its customer (the server fills it in)', async () => {
    await unknownCall('late');
    const server = new FakeCallServer();
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 1 });
    expect(server.stored.get('late')?.customerCode).toBeNull();
    await log.setCallCustomer('late', '90000003', ['Z1']);
    expect(await upload('late')).toBe('pendiente');
    const [again] = await queue.nextBatch(10, 1_000_000);
    expect(again?.payload).toMatchObject({ id: 'late', customerCode: '90000003', blockCodes: ['Z1'] });
  });

  it('found while its upload was in flight: it stays pending and goes again with the customer', async () => {
    await unknownCall('inflight');
    const server = new FakeCallServer();
    const post = server.post;
    server.post = async (calls) => {
      // The look-up lands while the request is on its way.
      await log.setCallCustomer('inflight', '90000003', ['Z1']);
      server.post = post;
      return post(calls);
    };
    await drainQueue(deps(server));
    expect(server.requests.length).toBe(2);
    expect(await upload('inflight')).toBe('enviado');
    expect(server.requests[1]).toEqual(['inflight']);
  });

  it('a customer already known is not sent again', async () => {
    await missedCall('known', 1_000);
    const server = new FakeCallServer();
    await drainQueue(deps(server));
    await log.setCallCustomer('known', '90000004', ['ZB']);
    expect(await upload('known')).toBe('enviado');
  });
});

describe('a call a crash left without outcome (issue 12)', () => {
  beforeEach(async () => {
    await db.calls.clear();
    signedIn = 'ana';
  });

  it('is closed as «interrumpida» at next start, uploaded once, and then pruned like any other', async () => {
    const answered = then(newCall({ id: 'crash', direction: 'incoming', callerId, at: T0 }), {
      type: 'established',
      at: T0 + 3_000,
    });
    await log.recordCall(answered);
    await log.setCallCustomer('crash', '90000003', ['Z1']);
    // The app died here. Before: neither uploaded nor ever pruned.
    expect(await queue.nextBatch(10, 1_000_000)).toEqual([]);
    expect(await log.prune(1, T0 + 400 * 86_400_000)).toBe(0);

    // Next start: closed at the last moment known (answered), queued for the back office.
    expect(await log.closeInterrupted(T0 + 60_000)).toBe(1);
    const closed = await log.getLoggedCall('crash');
    expect(closed).toMatchObject({ outcome: 'interrupted', endedAt: T0 + 3_000, uploadStatus: 'pendiente' });
    expect(callLogOutcomeLabel(closed!)).toBe('interrumpida');
    const server = new FakeCallServer();
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 1 });
    expect(server.stored.get('crash')).toMatchObject({
      outcome: 'interrupted',
      customerCode: '90000003',
      answeredAt: new Date(T0 + 3_000).toISOString(),
    });
    expect(await log.prune(1, T0 + 400 * 86_400_000)).toBe(1);
  });

  it('a call that started in this run is left alone', async () => {
    await log.recordCall(newCall({ id: 'live', direction: 'incoming', callerId, at: T0 + 120_000 }));
    expect(await log.closeInterrupted(T0 + 60_000)).toBe(0);
    expect((await log.getLoggedCall('live'))?.outcome).toBeNull();
  });
});

describe('the forms queue reports the forms it set aside (POST /forms/parked)', () => {
  it('sends each pending report as the contract asks, once, and keeps it until acknowledged', async () => {
    const formsDb = new CompanionDb('upload-queue-parked-test');
    const outbox = new OutboxRepository(formsDb);
    const forms = formsUploadQueue(outbox);
    const entry = await outbox.queueSubmission(
      {
        formId: 'telecobranzas',
        customerCode: '90000003',
        customerName: 'Rosa Fuentes',
        blockCodes: ['Z1'],
        agent: 'ana',
        values: {
          contactName: 'Rosa Fuentes',
          rut: '12.345.678-5',
          contactPhone: '+56 9 1234 5678',
          contactEmail: '',
          contactSchedule: '',
          observations: '',
        },
      },
      null,
    );
    await outbox.applyVerdicts([
      { id: entry.id, status: 'rejected', reason: 'Apartado…', parkedDetail: 'Error interno (500).' },
    ]);
    const requests: Array<{ path: string; problems: string[]; body: unknown }> = [];
    let answer: ApiResult<unknown> = { ok: false, failure: { kind: 'network', message: 'Sin conexión.' } };
    const api = {
      call: async (_url: string, _token: string, endpoint: Endpoint, input: { body?: unknown }) => {
        const check = checkRequest(endpoint, { ...buildRequest(endpoint, input as never), body: input.body });
        requests.push({ path: endpoint.path, problems: check.ok ? [] : check.problems, body: input.body });
        return answer;
      },
    } as unknown as BackOfficeClient;
    const credentials = { serverUrl: 'http://central', token: 't' };
    try {
      await forms.reportParked!(api, credentials);
      expect((await outbox.pendingParkReports(10)).map((r) => r.id)).toEqual([entry.id]);
      answer = { ok: true, value: { results: [{ id: entry.id, status: 'recorded' }] }, serverDate: null };
      await forms.reportParked!(api, credentials);
      await forms.reportParked!(api, credentials);
      expect(requests).toEqual([
        { path: '/forms/parked', problems: [], body: { forms: [expect.objectContaining({ id: entry.id })] } },
        { path: '/forms/parked', problems: [], body: { forms: [expect.objectContaining({ id: entry.id })] } },
      ]);
      expect(requests[1]!.body).toEqual({
        forms: [
          {
            id: entry.id,
            formId: 'telecobranzas',
            customerCode: '90000003',
            customerName: 'Rosa Fuentes',
            reason: 'Error interno (500).',
          },
        ],
      });
      expect(await outbox.pendingParkReports(10)).toEqual([]);
    } finally {
      await formsDb.delete();
    }
  });
});
