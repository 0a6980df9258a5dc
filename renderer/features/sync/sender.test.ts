// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { FormSubmission } from '../../../shared/forms/submission';
import { CompanionDb } from '../../db/db';
import { OutboxRepository, type SyncedOutboxEntry } from '../outbox/outboxRepo';

const db = new CompanionDb();
const outbox = new OutboxRepository(db);
import type { ApiFailure, ApiResult, BatchItemResult } from '../../backoffice/client';
import { drainQueue, matchVerdicts, type SenderDeps } from './sender';

const values = {
  contactName: 'María Pérez',
  rut: '12.345.678-5',
  contactPhone: '+56 9 1234 5678',
  contactEmail: '',
  contactSchedule: '',
  observations: '',
};

async function queue(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const entry = await outbox.queueSubmission(
      {
        formId: 'telecobranzas',
        customerCode: String(100 + i),
        customerName: 'María',
        blockCodes: ['Z1'],
        agent: 'ana',
        values,
      },
      null,
    );
    ids.push(entry.id);
  }
  return ids;
}

type Fault = 'drop' | 'lost-ack' | '503' | 'timeout' | '401' | '413' | 'garbled';

/** The back office as the sender sees it: idempotent by id, with scripted faults per request. */
class FakeServer {
  readonly stored = new Map<string, number>();
  readonly requests: string[][] = [];
  faults: Fault[] = [];
  rejectCodes = new Set<string>();
  maxForms = Infinity;
  tooBig = new Set<string>();

  post = async (
    _url: string,
    _token: string,
    forms: readonly FormSubmission[],
  ): Promise<ApiResult<{ results: BatchItemResult[] }>> => {
    this.requests.push(forms.map((f) => f.id));
    const fault = this.faults.shift();
    const fail = (failure: ApiFailure) => ({ ok: false as const, failure });
    if (fault === 'drop') return fail({ kind: 'network', message: 'reset' });
    if (fault === '503') return fail({ kind: 'server', status: 503, message: 'no' });
    if (fault === 'timeout') return fail({ kind: 'timeout', message: 'lento' });
    if (fault === '401') return fail({ kind: 'unauthorized', message: 'Sesión vencida' });
    if (fault === '413' || forms.length > this.maxForms || forms.some((f) => this.tooBig.has(f.customerCode)))
      return fail({ kind: 'refused', status: 413, message: 'grande' });
    const results: BatchItemResult[] = forms.map((form) => {
      if (this.rejectCodes.has(form.customerCode))
        return { id: form.id, status: 'rejected', reason: 'Código de bloqueo desconocido' };
      const seen = this.stored.has(form.id);
      this.stored.set(form.id, (this.stored.get(form.id) ?? 0) + (seen ? 0 : 1));
      return { id: form.id.toUpperCase(), status: seen ? 'duplicate' : 'accepted' };
    });
    if (fault === 'lost-ack') return fail({ kind: 'network', message: 'cut after commit' });
    if (fault === 'garbled') return { ok: true, value: { results: results.slice(1) }, serverDate: null };
    return { ok: true, value: { results }, serverDate: null };
  };
}

function deps(
  server: FakeServer,
  overrides: Partial<SenderDeps<FormSubmission>> = {},
): SenderDeps<FormSubmission> {
  return {
    nextBatch: async (limit, maxChars) =>
      (await outbox.nextBatch(limit, maxChars)).map((entry) => ({ id: entry.id, payload: entry.submission })),
    applyVerdicts: (verdicts) => outbox.applyVerdicts(verdicts),
    credentials: async () => ({ serverUrl: 'http://central', token: 't' }),
    post: server.post,
    batchSize: 4,
    batchChars: 1_000_000,
    ...overrides,
  };
}

const statuses = async () =>
  Object.fromEntries(((await db.outbox.toArray()) as SyncedOutboxEntry[]).map((e) => [e.id, e.status]));

describe('draining the outbox', () => {
  beforeEach(async () => {
    await db.outbox.clear();
  });

  it('sends oldest first, in batches, and marks each form only on the server verdict', async () => {
    const ids = await queue(10);
    const server = new FakeServer();
    const outcome = await drainQueue(deps(server));
    expect(outcome).toMatchObject({ kind: 'drained', sent: 10 });
    expect(server.requests.map((r) => r.length)).toEqual([4, 4, 2]);
    // Oldest first; forms stamped in the same millisecond go in id order.
    const entries = await db.outbox.toArray();
    const order = entries
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((e) => e.id);
    expect(server.requests.flat()).toEqual(order);
    expect(new Set(order)).toEqual(new Set(ids));
    expect(Object.values(await statuses())).toEqual(Array(10).fill('enviado'));
  });

  it('through drops, 503s, timeouts and lost acknowledgements, each form is stored exactly once', async () => {
    const ids = await queue(9);
    const server = new FakeServer();
    server.faults = [
      'drop',
      'lost-ack',
      '503',
      undefined as never,
      'timeout',
      'lost-ack',
      'lost-ack',
      'drop',
    ];
    let outcome = await drainQueue(deps(server));
    let rounds = 1;
    while (outcome.kind === 'failed') {
      expect(outcome.ids.length).toBeGreaterThan(0);
      outcome = await drainQueue(deps(server));
      rounds += 1;
    }
    expect(outcome.kind).toBe('drained');
    expect(rounds).toBeGreaterThan(5);
    expect([...server.stored.keys()].sort()).toEqual([...ids].sort());
    expect([...server.stored.values()].every((n) => n === 1)).toBe(true);
    expect(Object.values(await statuses())).toEqual(Array(9).fill('enviado'));
  });

  it('keeps a rejected form with the server reason, and goes on with the rest', async () => {
    await queue(3);
    const server = new FakeServer();
    server.rejectCodes.add('101');
    const outcome = await drainQueue(deps(server));
    expect(outcome).toMatchObject({ kind: 'drained', sent: 2, rejected: 1 });
    const rejected = (await db.outbox.where('status').equals('rechazado').toArray())[0];
    expect(rejected?.submission.customerCode).toBe('101');
    expect(rejected?.lastError).toBe('Código de bloqueo desconocido');
  });

  it('a 401 stops sending and leaves the whole queue pending', async () => {
    await queue(5);
    const server = new FakeServer();
    server.faults = ['401'];
    expect(await drainQueue(deps(server))).toMatchObject({
      kind: 'unauthorized',
      message: 'Sesión vencida',
    });
    expect(Object.values(await statuses())).toEqual(Array(5).fill('pendiente'));
  });

  it('no session: nothing is sent, nothing changes', async () => {
    await queue(2);
    const server = new FakeServer();
    expect(await drainQueue(deps(server, { credentials: async () => null }))).toMatchObject({
      kind: 'no-session',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('splits a batch the server finds too large; a single form still refused is kept as rejected', async () => {
    await queue(4);
    const server = new FakeServer();
    server.maxForms = 1;
    server.tooBig.add('102');
    const outcome = await drainQueue(deps(server));
    expect(outcome).toMatchObject({ kind: 'drained', sent: 3, rejected: 1 });
    expect(server.requests.map((r) => r.length).slice(0, 3)).toEqual([4, 2, 1]);
    const rejected = await db.outbox.where('status').equals('rechazado').toArray();
    expect(rejected[0]?.lastError).toMatch(/no acepta un formulario tan grande/);
  });

  it('an answer that does not match the forms sent changes nothing', async () => {
    await queue(3);
    const server = new FakeServer();
    server.faults = ['garbled'];
    const outcome = await drainQueue(deps(server));
    expect(outcome.kind).toBe('failed');
    expect(Object.values(await statuses())).toEqual(Array(3).fill('pendiente'));
    expect(await drainQueue(deps(server))).toMatchObject({ kind: 'drained', sent: 3 });
    expect([...server.stored.values()]).toEqual([1, 1, 1]);
  });

  it('respects the character budget of a request', async () => {
    await queue(6);
    const size = JSON.stringify((await db.outbox.toCollection().first())!.submission).length + 1;
    const server = new FakeServer();
    await drainQueue(deps(server, { batchSize: 10, batchChars: size * 2 + 5 }));
    expect(server.requests.map((r) => r.length)).toEqual([2, 2, 2]);
  });
  it('passes the ticket of an accepted form on to the outbox row, and nothing of it the row does not keep', () => {
    const entry = { id: 'ABC', submission: {} } as SyncedOutboxEntry;
    const ticket = {
      id: 'PV-0000123',
      customerCode: '100',
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      status: 'abierto' as const,
      dueDate: '2026-12-12',
      createdAt: '2026-11-26T15:30:00.000Z',
      closedAt: null,
      relatedTicketId: null,
      resolution: null,
      description: 'Regulador',
      formId: 'abc',
      createdBy: 'ana',
      closedBy: null,
      overdue: false,
      created: false,
    };
    expect(matchVerdicts([entry], [{ id: 'abc', status: 'accepted', ticket }])).toEqual([
      {
        id: 'ABC',
        status: 'accepted',
        ticket: {
          id: 'PV-0000123',
          typology: ticket.typology,
          dueDate: '2026-12-12',
          status: 'abierto',
          created: false,
        },
      },
    ]);
  });
});
