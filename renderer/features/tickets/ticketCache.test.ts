import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { CompanionDb } from '../../db/db';
import { TicketCache, type TicketFetchResult } from './ticketCache';

const ticket = (id: string, over: Partial<TicketSummary> = {}): TicketSummary => ({
  id,
  customerCode: '90000010',
  typeId: 'servicio.problema-bloqueo.fuera-de-norma',
  typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
  status: 'abierto',
  dueDate: '2026-12-03',
  createdAt: '2026-11-26T15:00:00.000Z',
  closedAt: null,
  relatedTicketId: null,
  resolution: null,
  ...over,
});

let db: CompanionDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function cacheAnswering(answers: TicketFetchResult[]) {
  db = new CompanionDb(`tickets-${Math.random()}`);
  const calls: string[] = [];
  const cache = new TicketCache(
    db,
    async (code) => {
      calls.push(code);
      return answers.shift() ?? { ok: false, message: 'Sin conexión con la central.' };
    },
    () => new Date('2026-11-26T15:30:00Z'),
  );
  return { cache, calls };
}

describe('TicketCache', () => {
  it('replaces a customer’s tickets with what the central answers (a ticket closed meanwhile is not left open)', async () => {
    const { cache } = cacheAnswering([
      {
        ok: true,
        tickets: [ticket('PV-1'), ticket('PV-2', { createdAt: '2026-11-27T10:00:00.000Z' })],
        today: '2026-11-26',
      },
      {
        ok: true,
        tickets: [ticket('PV-1', { status: 'cerrado', closedAt: '2026-11-28T10:00:00.000Z' })],
        today: '2026-11-28',
      },
    ]);
    await db.tickets.put(ticket('PV-9', { customerCode: 'otro' }));
    expect(await cache.refresh('90000010')).toMatchObject({ fresh: true, fetch: { today: '2026-11-26' } });
    expect((await cache.forCustomer('90000010')).map((t) => t.id)).toEqual(['PV-2', 'PV-1']);
    await cache.refresh('90000010');
    expect(await cache.forCustomer('90000010')).toEqual([
      ticket('PV-1', { status: 'cerrado', closedAt: '2026-11-28T10:00:00.000Z' }),
    ]);
    expect((await cache.lastFetch('90000010'))?.fetchedAt).toBe('2026-11-26T15:30:00.000Z');
    // Another customer's rows are untouched.
    expect(await cache.forCustomer('otro')).toHaveLength(1);
  });

  it('keeps the copy it has when the central does not answer, and says why', async () => {
    const { cache } = cacheAnswering([{ ok: true, tickets: [ticket('PV-1')], today: '2026-11-26' }]);
    await cache.refresh('90000010');
    expect(await cache.refresh('90000010')).toEqual({
      fresh: false,
      message: 'Sin conexión con la central.',
    });
    expect((await cache.forCustomer('90000010')).map((t) => t.id)).toEqual(['PV-1']);
  });

  it('keeps only the summary (no description), and ignores another customer’s ticket in an answer', async () => {
    const { cache } = cacheAnswering([
      {
        ok: true,
        tickets: [
          { ...ticket('PV-1'), description: 'datos personales', overdue: false } as TicketSummary,
          ticket('PV-X', { customerCode: 'ajeno' }),
        ],
        today: '2026-11-26',
      },
    ]);
    await cache.refresh('90000010');
    const stored = await db.tickets.toArray();
    expect(stored.map((t) => t.id)).toEqual(['PV-1']);
    expect(stored[0]).not.toHaveProperty('description');
  });

  it('asks once for a customer while a request is running', async () => {
    const { cache, calls } = cacheAnswering([{ ok: true, tickets: [], today: '2026-11-26' }]);
    await Promise.all([cache.refresh('90000010'), cache.refresh('90000010')]);
    expect(calls).toEqual(['90000010']);
  });

  it('remembers a ticket the intake answered with, before the next fetch', async () => {
    const { cache } = cacheAnswering([]);
    await cache.remember([ticket('PV-7')]);
    expect((await cache.forCustomer('90000010')).map((t) => t.id)).toEqual(['PV-7']);
  });
});

// Version 8 adds the ticket cache; main's version 6 (the duplicate guard's outbox index) and 7 (the
// call log's upload queue) may or may not have run before it on a workstation, so the upgrade must
// hold from each.
const OUTBOX_5 = 'id, status, createdAt, [status+createdAt]';
const OUTBOX_6 = `${OUTBOX_5}, submission.customerCode`;
describe.each<{ from: number; stores: Record<string, string> }>([
  { from: 5, stores: { tickets: 'id, customerCode', meta: 'key', outbox: OUTBOX_5 } },
  { from: 6, stores: { tickets: 'id, customerCode', meta: 'key', outbox: OUTBOX_6 } },
  {
    from: 7,
    stores: {
      tickets: 'id, customerCode',
      meta: 'key',
      outbox: OUTBOX_6,
      calls: 'id, startedAt, [outcome+startedAt], customerCode, [uploadStatus+startedAt]',
    },
  },
])('IndexedDB version 8 (upgrading a version $from database)', ({ from, stores }) => {
  it('moves the bundled demo tickets of version 1 onto the typology leaf', async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(from).stores(stores);
    await old.open();
    await old.table('tickets').put({
      id: 'TK-2026-0410',
      customerCode: '90000010',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      status: 'abierto',
      dueDate: '2099-12-31',
      createdAt: '2026-11-20T13:15:00.000Z',
    });
    old.close();
    db = new CompanionDb(name);
    expect(await db.tickets.get('TK-2026-0410')).toMatchObject({
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
      closedAt: null,
      relatedTicketId: null,
      resolution: null,
    });
    expect(await db.ticketFetches.count()).toBe(0);
    expect(await db.outbox.where('submission.customerCode').equals('90000010').count()).toBe(0);
  });
});
