// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { FormSubmission } from '../../../shared/forms/submission';
import { CompanionDb } from '../../db/db';
import { OutboxRepository, type SyncedOutboxEntry } from '../outbox/outboxRepo';

const db = new CompanionDb();
const outbox = new OutboxRepository(db);
import type { ApiFailure, ApiResult, BatchItemResult } from '../../backoffice/client';
import type { ParkedForm } from '../../../shared/api/forms';
import { sendParkReports } from './parkReports';
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

describe('a batch that keeps failing with server errors', () => {
  beforeEach(async () => {
    await db.outbox.clear();
  });

  /** The sender's memory and clock between drains, as syncService keeps them. */
  function isolation(healthy: () => boolean = () => true) {
    let clock = 0;
    const memory = { stuck: null as import('./isolation').StuckBatch | null };
    const probes: number[] = [];
    return {
      deps: {
        policy: { failuresBeforeSplit: 3, minStuckMs: 1_000, failuresBeforePark: 3 },
        memory,
        now: () => clock,
        healthy: async () => {
          probes.push(clock);
          return healthy();
        },
      },
      advance: (ms: number) => (clock += ms),
      probes,
    };
  }

  /** A server that answers 500 to every request carrying one of `poison`'s customer codes. */
  function poisoned(server: FakeServer, poison: Set<string>, status = 500, retryAfterS?: number) {
    const post = server.post;
    server.post = async (url, token, forms) => {
      if (forms.some((f) => poison.has(f.customerCode))) {
        server.requests.push(forms.map((f) => f.id));
        return {
          ok: false,
          failure: {
            kind: 'server',
            status,
            message: 'Error interno de la central.',
            ...(retryAfterS ? { retryAfterS } : {}),
          },
        };
      }
      return post(url, token, forms);
    };
  }

  async function drainUntilSettled(
    d: SenderDeps<FormSubmission>,
    advance: (ms: number) => void,
    rounds = 10,
  ) {
    let outcome = await drainQueue(d);
    for (let i = 0; i < rounds && outcome.kind === 'failed'; i += 1) {
      advance(600);
      outcome = await drainQueue(d);
    }
    return outcome;
  }

  it('one form the server fails on is parked with a Spanish reason; the others arrive once', async () => {
    const ids = await queue(10);
    const server = new FakeServer();
    poisoned(server, new Set(['101']));
    const iso = isolation();
    const outcome = await drainUntilSettled(deps(server, { isolation: iso.deps }), iso.advance);
    expect(outcome).toMatchObject({ kind: 'drained' });
    const rows = (await db.outbox.toArray()) as SyncedOutboxEntry[];
    const bad = rows.find((r) => r.submission.customerCode === '101')!;
    expect(bad.status).toBe('rechazado');
    expect(bad.lastError).toMatch(/^La central falla cada vez que recibe este formulario.*reenv/i);
    expect(bad.lastError).toContain('Error interno de la central.');
    expect(rows.filter((r) => r.status === 'enviado')).toHaveLength(9);
    expect([...server.stored.keys()].sort()).toEqual(ids.filter((id) => id !== bad.id).sort());
    expect([...server.stored.values()].every((n) => n === 1)).toBe(true);
    // Not before three failures of the head batch spread over minStuckMs.
    expect(server.requests.slice(0, 3).every((r) => r.length === 4)).toBe(true);
    expect(iso.deps.memory.stuck).toBeNull();
  });

  it('two bad forms in one batch are both parked; the rest flows', async () => {
    await queue(8);
    const server = new FakeServer();
    poisoned(server, new Set(['100', '102']));
    const iso = isolation();
    expect(await drainUntilSettled(deps(server, { isolation: iso.deps }), iso.advance)).toMatchObject({
      kind: 'drained',
    });
    expect(Object.values(await statuses()).sort()).toEqual([
      ...Array(6).fill('enviado'),
      'rechazado',
      'rechazado',
    ]);
  });

  it('a server that fails every form (healthz up) parks nothing and stops within its budget', async () => {
    await queue(8);
    const server = new FakeServer();
    poisoned(server, new Set(['100', '101', '102', '103', '104', '105', '106', '107']));
    const iso = isolation();
    const d = deps(server, { isolation: iso.deps });
    for (let i = 0; i < 6; i += 1) {
      expect((await drainQueue(d)).kind).toBe('failed');
      iso.advance(600);
    }
    expect(Object.values(await statuses())).toEqual(Array(8).fill('pendiente'));
    // Each isolating drain spends at most its budget (log2 4 + 2·3 + 1 = 9) and one more.
    expect(server.requests.length).toBeLessThan(3 + 4 * 11);
  });

  it('one form alone that keeps failing is parked only once the health probe answers', async () => {
    await queue(1);
    const server = new FakeServer();
    poisoned(server, new Set(['100']));
    let up = false;
    const iso = isolation(() => up);
    const d = deps(server, { isolation: iso.deps });
    for (let i = 0; i < 6; i += 1) {
      expect((await drainQueue(d)).kind).toBe('failed');
      iso.advance(600);
    }
    expect(iso.probes.length).toBeGreaterThan(0);
    expect(Object.values(await statuses())).toEqual(['pendiente']);
    up = true;
    expect(await drainQueue(d)).toMatchObject({ kind: 'drained', rejected: 1 });
    expect(Object.values(await statuses())).toEqual(['rechazado']);
  });

  it('with other forms going through, a flaky health probe does not hold the culprit back', async () => {
    await queue(5);
    const server = new FakeServer();
    poisoned(server, new Set(['101']));
    const iso = isolation(() => false);
    const outcome = await drainUntilSettled(deps(server, { isolation: iso.deps }), iso.advance);
    expect(outcome).toMatchObject({ kind: 'drained', sent: 4, rejected: 1 });
    expect(iso.probes).toEqual([]);
  });

  it('503 with Retry-After, however long: nothing parked', async () => {
    await queue(5);
    const server = new FakeServer();
    poisoned(server, new Set(['101']), 503, 30);
    const iso = isolation();
    const d = deps(server, { isolation: iso.deps });
    for (let i = 0; i < 8; i += 1) {
      expect((await drainQueue(d)).kind).toBe('failed');
      iso.advance(10_000);
    }
    expect(iso.deps.memory.stuck).toBeNull();
    expect(server.requests.every((r) => r.length === 4)).toBe(true);
    expect(Object.values(await statuses())).toEqual(Array(5).fill('pendiente'));
  });

  it('the server going down in the middle of the search parks nothing', async () => {
    await queue(6);
    const server = new FakeServer();
    poisoned(server, new Set(['101']));
    let up = true;
    const post = server.post;
    server.post = async (url, token, forms) => {
      // The 5th request (first split) meets a refused connection from then on.
      if (server.requests.length >= 4) up = false;
      if (!up) {
        server.requests.push(forms.map((f) => f.id));
        return { ok: false, failure: { kind: 'network', message: 'ECONNREFUSED' } };
      }
      return post(url, token, forms);
    };
    const iso = isolation(() => up);
    const d = deps(server, { isolation: iso.deps });
    for (let i = 0; i < 6; i += 1) {
      await drainQueue(d);
      iso.advance(600);
    }
    expect(Object.values(await statuses()).filter((s) => s === 'rechazado')).toEqual([]);
  });

  it('a parked form sent again keeps its id; once the server takes it, it is stored once', async () => {
    await queue(3);
    const server = new FakeServer();
    const poison = new Set(['101']);
    poisoned(server, poison);
    const iso = isolation();
    await drainUntilSettled(deps(server, { isolation: iso.deps }), iso.advance);
    const bad = ((await db.outbox.toArray()) as SyncedOutboxEntry[]).find((r) => r.status === 'rechazado')!;
    poison.clear(); // the server is fixed
    await outbox.resubmitRejected(bad.id);
    expect(await drainQueue(deps(server, { isolation: iso.deps }))).toMatchObject({
      kind: 'drained',
      sent: 1,
    });
    expect(server.stored.get(bad.id)).toBe(1);
  });
  /** The back office's POST /forms/parked as the desk sees it: idempotent by id, or away. */
  class FakeReports {
    readonly received = new Map<string, number>();
    readonly requests: ParkedForm[][] = [];
    down = false;
    post = async (_credentials: unknown, forms: readonly ParkedForm[]): Promise<ApiResult<unknown>> => {
      this.requests.push([...forms]);
      if (this.down) return { ok: false, failure: { kind: 'network', message: 'sin conexión' } };
      for (const form of forms) this.received.set(form.id, (this.received.get(form.id) ?? 0) + 1);
      return { ok: true, value: {}, serverDate: null };
    };
    reportParked = async (credentials: { serverUrl: string; token: string }) => {
      await sendParkReports(
        {
          pending: (limit) => outbox.pendingParkReports(limit),
          post: this.post,
          acknowledged: (ids) => outbox.markParkReported(ids),
          failed: (ids) => outbox.markParkReportFailed(ids),
          pageSize: 2,
        },
        credentials,
      );
    };
  }

  /** `n` queued forms, the one of customer `poison` failing every time, and the reports' server. */
  async function parking(n: number, poison: string) {
    await queue(n);
    const server = new FakeServer();
    poisoned(server, new Set([poison]));
    const reports = new FakeReports();
    const iso = isolation();
    const d = deps(server, { isolation: iso.deps, reportParked: reports.reportParked });
    return { reports, iso, d };
  }

  it('a parked form is reported to the supervisor once the queue drains, without its data, once', async () => {
    const { reports, iso, d } = await parking(10, '101');
    expect(await drainUntilSettled(d, iso.advance)).toMatchObject({ kind: 'drained' });
    const bad = ((await db.outbox.toArray()) as SyncedOutboxEntry[]).find(
      (r) => r.submission.customerCode === '101',
    )!;
    expect(reports.requests).toEqual([
      [
        {
          id: bad.id,
          formId: 'telecobranzas',
          customerCode: '101',
          customerName: 'María',
          reason: 'Error interno de la central.',
        },
      ],
    ]);
    expect(bad.parkReport).toMatchObject({ state: 'enviado', detail: 'Error interno de la central.' });
    // Acknowledged: later drains do not send it again.
    await drainQueue(d);
    await drainQueue(d);
    expect(reports.requests).toHaveLength(1);
  });

  it('a report that does not get through goes with a later drain, until the back office has it', async () => {
    const { reports, iso, d } = await parking(6, '102');
    reports.down = true;
    // The report failing does not fail the forms' drain: the other five arrived.
    expect(await drainUntilSettled(d, iso.advance)).toMatchObject({ kind: 'drained', sent: 5 });
    const parked = async () =>
      ((await db.outbox.toArray()) as SyncedOutboxEntry[]).find((r) => r.submission.customerCode === '102')!
        .parkReport;
    expect(await parked()).toMatchObject({ state: 'pendiente', failures: 1 });
    expect(await drainQueue(d)).toMatchObject({ kind: 'drained' });
    expect(await parked()).toMatchObject({ state: 'pendiente', failures: 2 });
    expect(reports.received.size).toBe(0);

    reports.down = false;
    await drainQueue(d);
    expect(await parked()).toMatchObject({ state: 'enviado', failures: 2 });
    await drainQueue(d);
    expect([...reports.received.values()]).toEqual([1]);
    expect(reports.requests).toHaveLength(3);
  });

  it('a parked form resent and parked again is not reported a second time', async () => {
    const { reports, iso, d } = await parking(4, '100');
    await drainUntilSettled(d, iso.advance);
    const [bad] = ((await db.outbox.toArray()) as SyncedOutboxEntry[]).filter(
      (r) => r.status === 'rechazado',
    );
    await outbox.resubmitRejected(bad!.id);
    iso.advance(60_000);
    await drainUntilSettled(d, iso.advance, 20);
    expect((await db.outbox.get(bad!.id))?.status).toBe('rechazado');
    expect(reports.requests).toHaveLength(1);
  });
});
