// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { CompanionDb } from '../../db/db';
import { webPlatform } from '../../platform';
import { SessionStore, type StoredSession } from '../session/sessionStore';
import { OutboxRepository, ResubmitError, type NewSubmission, type Verdict } from './outboxRepo';

const db = new CompanionDb();
const sessions = new SessionStore(webPlatform(localStorage), localStorage);
// The app's wiring: the signed-in back-office account is the agent of a new form.
const outbox = new OutboxRepository(db, () => sessions.signedInAgent());
const saveSession = (session: StoredSession) => sessions.save(session);
const queueSubmission = (input: NewSubmission, draftKey: string | null) =>
  outbox.queueSubmission(input, draftKey);
const saveDraft = (key: string, values: Record<string, string>) => outbox.saveDraft(key, values);
const loadDraft = (key: string) => outbox.loadDraft(key);
const recentEntries = () => outbox.recentEntries();
const applyVerdicts = (verdicts: Verdict[]) => outbox.applyVerdicts(verdicts);
const queueStats = () => outbox.queueStats();
const resubmitRejected = (id: string, values?: Record<string, string>) => outbox.resubmitRejected(id, values);

const goodValues = {
  contactName: 'María Pérez',
  rut: '12.345.678-5',
  contactPhone: '+56 9 1234 5678',
  contactEmail: '',
  contactSchedule: '',
  observations: '',
};

describe('outbox repository', () => {
  beforeEach(async () => {
    await db.outbox.clear();
    await db.drafts.clear();
    localStorage.clear();
  });

  it('queues a form as "pendiente" and drops its draft in the same step', async () => {
    await saveDraft('100|telecobranzas|', goodValues);
    const entry = await queueSubmission(
      {
        formId: 'telecobranzas',
        customerCode: '100',
        customerName: 'María',
        blockCodes: ['Z1'],
        agent: 'ana',
        values: goodValues,
      },
      '100|telecobranzas|',
    );
    expect(entry.status).toBe('pendiente');
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await loadDraft('100|telecobranzas|')).toBeNull();
    const listed = await recentEntries();
    expect(listed.map((e) => e.id)).toEqual([entry.id]);
    expect(listed[0]?.submission.values.contactName).toBe('María Pérez');
  });

  it('refuses an invalid form and keeps the draft the agent typed', async () => {
    const bad = { ...goodValues, rut: '12.345.678-9' };
    await saveDraft('100|telecobranzas|', bad);
    await expect(
      queueSubmission(
        {
          formId: 'telecobranzas',
          customerCode: '100',
          customerName: 'María',
          blockCodes: ['Z1'],
          agent: 'ana',
          values: bad,
        },
        '100|telecobranzas|',
      ),
    ).rejects.toThrow();
    expect(await loadDraft('100|telecobranzas|')).toEqual(bad);
    expect(await db.outbox.count()).toBe(0);
  });

  it('the signed-in back-office account is the agent of a new form', async () => {
    saveSession({
      serverUrl: 'http://central',
      username: 'agente7',
      displayName: 'Agente Siete',
      role: 'agent',
      expiresAt: '2026-11-27T00:00:00Z',
      lifetimeMs: 3_600_000,
      obtainedAt: Date.now(),
      state: 'active',
      message: null,
    });
    const entry = await queueSubmission(
      {
        formId: 'telecobranzas',
        customerCode: '100',
        customerName: 'María',
        blockCodes: ['Z1'],
        agent: 'ana',
        values: goodValues,
      },
      null,
    );
    expect(entry.submission.agent).toBe('agente7');
  });

  it('a rejected form is kept, corrected and queued again under the same id', async () => {
    const entry = await queueSubmission(
      {
        formId: 'telecobranzas',
        customerCode: '100',
        customerName: 'María',
        blockCodes: ['Z1'],
        agent: 'ana',
        values: goodValues,
      },
      null,
    );
    await applyVerdicts([{ id: entry.id, status: 'rejected', reason: 'Teléfono de contacto: no contesta' }]);
    expect(await queueStats()).toMatchObject({ pending: 0, rejected: 1 });

    await expect(resubmitRejected(entry.id, { ...goodValues, rut: '1-1' })).rejects.toBeInstanceOf(
      ResubmitError,
    );
    const again = await resubmitRejected(entry.id, { ...goodValues, contactPhone: '+56 2 2345 6789' });
    expect(again.id).toBe(entry.id);
    expect(again.status).toBe('pendiente');
    expect(again.lastError).toBeNull();
    expect(again.submission.values.contactPhone).toBe('+56 2 2345 6789');
    expect(await queueStats()).toMatchObject({ pending: 1, rejected: 0, oldestPendingAt: entry.createdAt });
    await expect(resubmitRejected(entry.id)).rejects.toThrow('Solo se reenvía un formulario rechazado.');
  });

  it('"Reenviar" as it is (e.g. after the administrator fixed a route): same id, same data, pending again', async () => {
    const entry = await queueSubmission(
      {
        formId: 'telecobranzas',
        customerCode: '100',
        customerName: 'María',
        blockCodes: ['Z1'],
        agent: 'ana',
        values: goodValues,
      },
      null,
    );
    await applyVerdicts([
      {
        id: entry.id,
        status: 'rejected',
        reason: 'No hay un destino configurado para TC: avise al administrador.',
      },
    ]);
    const again = await resubmitRejected(entry.id);
    expect(again).toMatchObject({
      id: entry.id,
      status: 'pendiente',
      lastError: null,
      submission: entry.submission,
    });
  });
  it('keeps the ticket the back office answered, also when a resend only gets "duplicate"', async () => {
    const queue = () =>
      queueSubmission(
        {
          formId: 'telecobranzas',
          customerCode: '100',
          customerName: 'María',
          blockCodes: ['Z1'],
          agent: 'ana',
          values: goodValues,
        },
        null,
      );
    const [withTicket, plain] = [await queue(), await queue()];
    expect(withTicket.ticket).toBeNull();
    const ticket = {
      id: 'PV-0000123',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      dueDate: '2026-12-12',
      status: 'abierto' as const,
      created: true,
    };
    await applyVerdicts([
      { id: withTicket.id, status: 'accepted', ticket },
      { id: plain.id, status: 'duplicate' },
    ]);
    const byId = new Map((await recentEntries()).map((e) => [e.id, e]));
    expect(byId.get(withTicket.id)).toMatchObject({ status: 'enviado', ticket });
    expect(byId.get(plain.id)).toMatchObject({ status: 'enviado', ticket: null });
  });
});

describe('outbox rows across the Dexie upgrade to version 5', () => {
  it('keeps every row queued before and gives it ticket null', async () => {
    const name = `outbox-upgrade-${Date.now()}`;
    // The schema as shipped up to version 4, with a pending and a sent form in it.
    const old = new Dexie(name);
    old.version(4).stores({
      customers: 'codigo, rut, *telefonos, addressKey',
      outbox: 'id, status, createdAt, [status+createdAt]',
      drafts: 'key',
      tickets: 'id, customerCode',
      meta: 'key',
      dirPages: '',
      dirIndex: '',
      dirOverlay: '',
      calls: 'id, startedAt, [outcome+startedAt], customerCode',
    });
    const row = (id: string, status: string) => ({
      id,
      status,
      attempts: 1,
      lastError: null,
      createdAt: `2026-11-26T12:0${id}:00.000Z`,
      submission: { id, formId: 'telecobranzas', values: goodValues },
    });
    await old.table('outbox').bulkAdd([row('1', 'pendiente'), row('2', 'enviado')]);
    old.close();

    const upgraded = new CompanionDb(name);
    try {
      const rows = await upgraded.outbox.orderBy('createdAt').toArray();
      expect(
        rows.map(({ id, status, ticket, submission }) => ({ id, status, ticket, values: submission.values })),
      ).toEqual([
        { id: '1', status: 'pendiente', ticket: null, values: goodValues },
        { id: '2', status: 'enviado', ticket: null, values: goodValues },
      ]);
      expect(
        await upgraded.outbox
          .where('[status+createdAt]')
          .between(['pendiente', Dexie.minKey], ['pendiente', Dexie.maxKey])
          .count(),
      ).toBe(1);
    } finally {
      await upgraded.delete();
    }
  });
});

describe('forms set aside before the Dexie upgrade to version 9', () => {
  it('are reported to the supervisor now; other refused forms are not', async () => {
    const name = `outbox-upgrade-9-${Date.now()}`;
    // The schema as shipped in version 8, with a form the sender set aside and one the server refused.
    const old = new Dexie(name);
    old.version(8).stores({
      customers: 'codigo, rut, *telefonos, addressKey',
      outbox: 'id, status, createdAt, [status+createdAt], submission.customerCode',
      drafts: 'key',
      tickets: 'id, customerCode',
      meta: 'key',
      dirPages: '',
      dirIndex: '',
      dirOverlay: '',
      calls: 'id, startedAt, [outcome+startedAt], customerCode, [uploadStatus+startedAt]',
      ticketFetches: 'customerCode',
    });
    const submission = (id: string) => ({
      id,
      formId: 'telecobranzas',
      customerCode: '100',
      customerName: 'María',
      values: goodValues,
    });
    const row = (id: string, lastError: string) => ({
      id,
      status: 'rechazado',
      attempts: 3,
      lastError,
      createdAt: '2026-12-01T12:00:00.000Z',
      ticket: null,
      submission: submission(id),
    });
    await old
      .table('outbox')
      .bulkAdd([
        row(
          'a',
          'La central falla cada vez que recibe este formulario, mientras recibe los demás: quedó apartado para no detener la cola. Revíselo y reenvíelo; si vuelve a fallar, avise al supervisor. (La central tuvo un error (500).)',
        ),
        row('b', 'RUT del titular: RUT inválido.'),
      ]);
    old.close();

    const upgraded = new CompanionDb(name);
    try {
      const reports = await new OutboxRepository(upgraded).pendingParkReports(10);
      expect(reports).toEqual([
        {
          id: 'a',
          formId: 'telecobranzas',
          customerCode: '100',
          customerName: 'María',
          reason: 'La central tuvo un error (500).',
        },
      ]);
    } finally {
      await upgraded.delete();
    }
  });
});
