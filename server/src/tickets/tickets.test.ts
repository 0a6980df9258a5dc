import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_PROBLEM_LEAF_ID, TICKET_LEAVES, leafById } from '../../../shared/requirements/typology';
import { openPglite } from '../db/pglite';
import { migrate } from '../db/migrate';
import { prepareDatabase } from '../db/prepare';
import { deskCustomerTickets } from './repo';
import { seedSampleTickets } from './sample';
import { describeEachBackend } from '../../test/db';
import { auth, form, startApp, type Started } from '../../test/harness';
import { syncTicketTypes } from './types';

describe('migration 004: the ticket types of 002 move onto the typology’s leaf ids', () => {
  it('maps all 62 rows of 002 to ticket leaves; the start-up sync adds the one 002 lacked, retires none', async () => {
    const db = await openPglite(null);
    try {
      await migrate(db);
      const { rows } = await db.query<{ leaf_id: string | null; active: boolean }>(
        'SELECT leaf_id, active FROM ticket_typologies',
      );
      expect(rows).toHaveLength(62);
      const ticketIds = new Set(TICKET_LEAVES.map((leaf) => leaf.id));
      for (const row of rows) {
        expect(row.leaf_id && ticketIds.has(row.leaf_id), String(row.leaf_id)).toBe(true);
        expect(row.active).toBe(true);
      }
      expect(await syncTicketTypes(db)).toEqual({ active: 63, retired: 0 });
      const added = await db.query<{ leaf_id: string }>(
        'SELECT leaf_id FROM ticket_typologies WHERE id > 62 ORDER BY id',
      );
      expect(added.rows.map((r) => r.leaf_id)).toEqual(['servicio.precio-fecha-entrega']);
      // The seed's words, typos corrected, replace 002's rewordings in place.
      const sec = await db.query<{ item: string; subitem: string | null }>(
        `SELECT item, subitem FROM ticket_typologies WHERE leaf_id = 'servicio.antecedentes-sec'`,
      );
      expect(sec.rows[0]).toEqual({
        item: 'Problemas con entrega de antecedentes de Inscripción SEC Certificación Instalaciones',
        subitem: null,
      });
    } finally {
      await db.close();
    }
  });
});

describeEachBackend('post-sale tickets', (backend) => {
  let s: Started;
  // Thursday 26 November 2026, midday in Chile.
  let clock = new Date('2026-11-26T15:00:00Z');
  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => clock });
  });
  afterAll(() => s.close());

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token = s.team.agent) =>
    s.app.inject({
      method,
      url,
      headers: auth(token),
      ...(payload === undefined ? {} : { payload }),
    } as InjectOptions);
  const openQuery = (code: string, token = s.team.agent) =>
    inject('GET', `/tickets/open?customerCode=${code}`, undefined, token);
  const batch = async (forms: unknown[]) => (await inject('POST', '/forms/batch', { forms })).json();

  it('lists the typology’s ticket leaves as ticket types, with placeholder business days', async () => {
    const response = await inject('GET', '/ticket-types');
    const types = response.json().types as Array<{
      id: string;
      dueBusinessDays: number;
      placeholder: boolean;
    }>;
    expect(types.map((t) => t.id).sort()).toEqual(TICKET_LEAVES.map((l) => l.id).sort());
    for (const type of types) {
      const leaf = leafById(type.id)!;
      expect(leaf.outcome.kind === 'ticket' && leaf.outcome.defaultDueBusinessDays).toBe(
        type.dueBusinessDays,
      );
      expect(type.placeholder).toBe(true);
    }
    expect(types.some((t) => t.id === 'servicio.retiro-tanque')).toBe(false);
  });

  it('answers "no open ticket" first, then the one the Z4 form opened, due in 5 business days', async () => {
    expect((await openQuery('300001')).json()).toEqual({ ticket: null });
    const f = form('ticketBloqueo', { customerCode: '300001' });
    const result = (await batch([f])).results[0];
    expect(result.ticket).toMatchObject({ created: true, dueDate: '2026-12-03' });
    const { ticket } = (await openQuery('300001')).json();
    expect(ticket).toMatchObject({
      customerCode: '300001',
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
      status: 'abierto',
      // Thu 26 Nov + 5 business days: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 December.
      dueDate: '2026-12-03',
      overdue: false,
      formId: f.id,
      description: 'Regulador fuera de norma',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      relatedTicketId: null,
      resolution: null,
    });
    expect(ticket.id).toMatch(/^PV-\d{7}$/);
  });

  it('skips Chilean holidays: opened on 23 December, due on the 31st (Christmas does not count)', async () => {
    clock = new Date('2026-12-23T15:00:00Z');
    const f = form('ticketBloqueo', { customerCode: '300002' });
    expect((await batch([f])).results[0].ticket.dueDate).toBe('2026-12-31');
    clock = new Date('2026-11-26T15:00:00Z');
  });

  it('flags it overdue the day after its due date (the escalation case)', async () => {
    clock = new Date('2026-12-04T02:00:00Z'); // still Dec 3rd in Chile: on time
    expect((await openQuery('300001')).json().ticket.overdue).toBe(false);
    clock = new Date('2026-12-04T12:00:00Z');
    expect((await openQuery('300001')).json().ticket.overdue).toBe(true);
    clock = new Date('2026-11-26T15:00:00Z');
  });

  it('does not open a second ticket of the same type; other types are separate; unknown and forbidden are refused', async () => {
    const again = await inject('POST', '/tickets', {
      customerCode: '300001',
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, ticket: { formId: expect.any(String) } });
    const other = await inject('POST', '/tickets', {
      customerCode: '300001',
      typeId: 'postventa.acceso-camion.acceso-camion',
    });
    expect(other.statusCode).toBe(201);
    const unknown = await inject('POST', '/tickets', {
      customerCode: '300001',
      typeId: 'servicio.inventado',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('Tipificación desconocida «servicio.inventado».');
    const forbidden = await inject('POST', '/tickets', {
      customerCode: '300001',
      typeId: 'postventa.cambio-razon-social',
    });
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.json().message).toMatch(/no se ingresa como ticket.*Sucursal Virtual/);
  });

  it('«Otros (Servicio)» requires the reason in the description, from a form and directly', async () => {
    const noReason = form('postventaMotivo', {
      customerCode: '300003',
      values: { ...form('postventaMotivo').values, observations: '' },
    });
    const rejected = (await batch([noReason])).results[0];
    expect(rejected).toMatchObject({
      status: 'rejected',
      reason: 'Motivo (obligatorio): Este dato es obligatorio.',
    });
    const direct = await inject('POST', '/tickets', {
      customerCode: '300003',
      typeId: 'servicio.otros',
      description: 'x',
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().message).toBe('Motivo (obligatorio): Escriba al menos 15 caracteres.');
    const ok = (await batch([form('postventaMotivo', { customerCode: '300003' })])).results[0];
    expect(ok).toMatchObject({
      status: 'accepted',
      ticket: {
        typeId: 'servicio.otros',
        description: 'Pide que el técnico avise antes de llegar',
        created: true,
      },
    });
  });

  it('a post-sale form opens a ticket of its leaf; a leaf that must not be a ticket is rejected with what to do', async () => {
    const ok = (await batch([form('postventa', { customerCode: '300004' })])).results[0];
    expect(ok.ticket).toMatchObject({
      typeId: 'servicio.abastecen-menos.camion-sin-gas',
      typology: { asunto: 'Servicio', item: 'Abastecen menos de lo solicitado', subitem: 'Camión sin gas' },
      dueDate: '2026-12-03',
    });
    const forbidden = form('postventa', {
      customerCode: '300004',
      requirement: { typeId: 'servicio.problemas-instalacion.marcador-pegado' },
    });
    expect((await batch([forbidden])).results[0]).toEqual({
      id: forbidden.id,
      status: 'rejected',
      reason:
        'Requerimiento: «Servicio › Problemas con instalación › Marcador de % pegado» no se ingresa como ticket: Marcador de % pegado no es postventa: se hace aviso de emergencia.',
    });
  });

  it('a resent ticket form is a duplicate that still names its ticket', async () => {
    const f = form('postventa', { customerCode: '300005' });
    const first = (await batch([f])).results[0];
    const again = (await batch([f])).results[0];
    expect(again).toMatchObject({ status: 'duplicate', ticket: { id: first.ticket.id, created: true } });
    // A second form while that ticket is open joins it.
    const second = form('postventa', { customerCode: '300005' });
    expect((await batch([second])).results[0].ticket).toMatchObject({ id: first.ticket.id, created: false });
    expect((await batch([second])).results[0]).toMatchObject({
      status: 'duplicate',
      ticket: { id: first.ticket.id, created: false },
    });
  });

  it('an admin sets a type’s business days without a migration; agents cannot; a restart keeps it', async () => {
    const typeId = 'pagos.relativos-pago.debe-vuelto';
    expect((await inject('PUT', `/admin/ticket-types/${typeId}`, { dueBusinessDays: 2 })).statusCode).toBe(
      403,
    );
    const set = await inject('PUT', `/admin/ticket-types/${typeId}`, { dueBusinessDays: 2 }, s.team.admin);
    expect(set.json()).toMatchObject({
      id: typeId,
      dueBusinessDays: 2,
      defaultDueBusinessDays: 5,
      placeholder: false,
      setBy: 'admin',
    });
    expect(
      (await inject('PUT', `/admin/ticket-types/${typeId}`, { dueBusinessDays: 0 }, s.team.admin)).statusCode,
    ).toBe(400);
    expect(
      (await inject('PUT', '/admin/ticket-types/servicio.nada', { dueBusinessDays: 3 }, s.team.admin))
        .statusCode,
    ).toBe(404);
    await syncTicketTypes(s.db);
    const opened = await inject('POST', '/tickets', { customerCode: '300006', typeId });
    expect(opened.json().ticket.dueDate).toBe('2026-11-30'); // Thu + 2: Fri 27, Mon 30
    const reset = await inject(
      'PUT',
      `/admin/ticket-types/${typeId}`,
      { dueBusinessDays: null },
      s.team.admin,
    );
    expect(reset.json()).toMatchObject({ dueBusinessDays: 5, placeholder: true });
  });

  it('a leaf removed from the typology is retired: listed as inactive, no new tickets, old ones keep it', async () => {
    const typeId = 'postventa.acceso-camion.acceso-camion';
    await syncTicketTypes(
      s.db,
      TICKET_LEAVES.filter((l) => l.id !== typeId),
    );
    try {
      const types = (await inject('GET', '/ticket-types')).json().types as Array<{
        id: string;
        active: boolean;
      }>;
      expect(types.find((t) => t.id === typeId)?.active).toBe(false);
      const refused = await inject('POST', '/tickets', { customerCode: '300007', typeId });
      expect(refused.statusCode).toBe(400);
      const history = (await inject('GET', '/tickets?customerCode=300001')).json().tickets as Array<{
        typeId: string;
      }>;
      expect(history.map((t) => t.typeId)).toContain(typeId);
    } finally {
      await syncTicketTypes(s.db);
    }
  });

  describe('insistence', () => {
    const insist = (typeId: string, relatedTicketId: string, customerCode = '300010') =>
      form('postventa', { customerCode, requirement: { typeId, relatedTicketId } });
    let earlier = '';

    it('«Respuesta fuera de plazo» is refused while the earlier ticket is on time', async () => {
      const opened = await inject('POST', '/tickets', {
        customerCode: '300010',
        typeId: 'pagos.relativos-pago.error-cobro',
      });
      earlier = opened.json().ticket.id;
      const result = (await batch([insist('servicio.no-conforme.fuera-de-plazo', earlier)])).results[0];
      expect(result.status).toBe('rejected');
      expect(result.reason).toBe(
        `El ticket ${earlier} aún está en plazo (vence el 03-12-2026): no corresponde «Respuesta fuera de plazo».`,
      );
    });

    it('once overdue, the insistence opens a ticket linked to it; again, the same one', async () => {
      clock = new Date('2026-12-07T15:00:00Z');
      const f = insist('servicio.no-conforme.fuera-de-plazo', earlier);
      const result = (await batch([f])).results[0];
      expect(result).toMatchObject({
        status: 'accepted',
        ticket: { relatedTicketId: earlier, created: true },
      });
      const again = (await batch([insist('servicio.no-conforme.fuera-de-plazo', earlier)])).results[0];
      expect(again.ticket).toMatchObject({ id: result.ticket.id, created: false });
      clock = new Date('2026-11-26T15:00:00Z');
    });

    it('«Inconformidad en la respuesta» needs an answered ticket, of the same customer', async () => {
      const open = (await batch([insist('servicio.no-conforme.inconformidad', earlier)])).results[0];
      expect(open.reason).toMatch(/aún no tiene respuesta/);
      await inject(
        'POST',
        `/tickets/${earlier}/close`,
        { answer: 'Se anuló el cobro duplicado.' },
        s.team.supervisor,
      );
      const ok = (await batch([insist('servicio.no-conforme.inconformidad', earlier)])).results[0];
      expect(ok.ticket).toMatchObject({
        relatedTicketId: earlier,
        typeId: 'servicio.no-conforme.inconformidad',
      });
      const stranger = (await batch([insist('servicio.no-conforme.inconformidad', earlier, '399999')]))
        .results[0];
      expect(stranger.reason).toBe(`El ticket ${earlier} es de otro cliente.`);
      const missing = (await batch([insist('servicio.no-conforme.inconformidad', 'PV-9999999')])).results[0];
      expect(missing.reason).toBe('No existe el ticket PV-9999999.');
    });
  });

  describe('devolución por trasvasije de gas', () => {
    let backing = '';
    const record = (relatedTicketId: string, mailboxGiven = 'devoluciones@empresa.cl') =>
      form('trasvasije', {
        customerCode: '300020',
        requirement: {
          typeId: 'pagos.trasvasije',
          relatedTicketId,
          walkthrough: { steps: ['a', 'b', 'c', 'd'], mailboxGiven },
        },
      });

    it('the back office answers a ticket with an approved balance and the mailbox', async () => {
      const opened = await inject('POST', '/tickets', { customerCode: '300020', typeId: 'pagos.trasvasije' });
      backing = opened.json().ticket.id;
      expect(
        (
          await inject(
            'POST',
            `/tickets/${backing}/close`,
            { answer: 'Saldo a favor aprobado.' },
            s.team.agent,
          )
        ).statusCode,
      ).toBe(403);
      const closed = await inject(
        'POST',
        `/tickets/${backing}/close`,
        {
          answer: 'Se aprueba devolución de 350 litros.',
          replyMailbox: 'devoluciones@empresa.cl',
          balance: { amount: 350, unit: 'litros', approved: true },
        },
        s.team.supervisor,
      );
      expect(closed.json().ticket).toMatchObject({
        status: 'cerrado',
        resolution: {
          answer: 'Se aprueba devolución de 350 litros.',
          replyMailbox: 'devoluciones@empresa.cl',
          balance: { amount: 350, unit: 'litros', approved: true },
        },
      });
    });

    it('the steps a–d are recorded against the backing ticket, without a new ticket', async () => {
      const f = record(backing);
      const result = (await batch([f])).results[0];
      expect(result).toEqual({ id: f.id, status: 'accepted' });
      const stored = await s.db.query<{ payload: { requirement: unknown; values: { orderNumber: string } } }>(
        'SELECT payload FROM forms WHERE id = $1',
        [f.id],
      );
      expect(stored.rows[0]!.payload.requirement).toEqual(f.requirement);
      expect(stored.rows[0]!.payload.values.orderNumber).toBe('4500012');
    });

    it('a mailbox other than the answer’s, or a ticket without an approved balance, is refused', async () => {
      expect((await batch([record(backing, 'otro@empresa.cl')])).results[0].reason).toBe(
        `El correo indicado al cliente no es el de la respuesta del ticket ${backing}.`,
      );
      const plain = await inject('POST', '/tickets', {
        customerCode: '300020',
        typeId: 'pagos.relativos-pago.debe-vuelto',
      });
      const id = plain.json().ticket.id;
      await inject('POST', `/tickets/${id}/close`, { answer: 'Se devolvió el vuelto.' }, s.team.supervisor);
      expect((await batch([record(id)])).results[0].reason).toMatch(
        /no tiene una respuesta con saldo a favor aprobado/,
      );
    });
  });

  it('a customer’s tickets: every open one and the recent closed ones, newest first', async () => {
    const code = '300030';
    const opened: string[] = [];
    for (const [i, typeId] of [
      'postventa.fuga.exterior',
      'postventa.fuga.interiores',
      'pagos.relativos-pago.campanas',
    ].entries()) {
      clock = new Date(Date.UTC(2025, 0, 10 + i, 15));
      opened.push((await inject('POST', '/tickets', { customerCode: code, typeId })).json().ticket.id);
    }
    // Closed more than a year ago: not sent to the desk.
    await inject('POST', `/tickets/${opened[0]}/close`, { answer: 'Reparada.' }, s.team.supervisor);
    clock = new Date('2026-11-26T15:00:00Z');
    await inject('POST', `/tickets/${opened[1]}/close`, { answer: 'Reparada.' }, s.team.supervisor);
    const response = (await inject('GET', `/customers/${code}/tickets`)).json();
    expect(response.today).toBe('2026-11-26');
    expect(
      response.tickets.map((t: { id: string; status: string; overdue: boolean }) => [
        t.id,
        t.status,
        t.overdue,
      ]),
    ).toEqual([
      [opened[2], 'abierto', true],
      [opened[1], 'cerrado', false],
    ]);
    expect((await inject('GET', '/customers/%20/tickets')).statusCode).toBe(400);
  });
});

describe('demo tickets', () => {
  it('the demo back office holds the desk’s sample tickets, under their numbers', async () => {
    const db = await openPglite(null);
    try {
      await prepareDatabase(db);
      expect(await seedSampleTickets(db)).toBe(3);
      expect(await seedSampleTickets(db)).toBe(0);
      const since = new Date('2020-01-01T00:00:00Z');
      expect(await deskCustomerTickets(db, '90000010', since)).toMatchObject([
        { id: 'TK-2026-0410', status: 'abierto', dueDate: '2099-12-31', typeId: BLOCK_PROBLEM_LEAF_ID },
      ]);
      expect((await deskCustomerTickets(db, '90000012', since))[0]).toMatchObject({
        status: 'cerrado',
        resolution: { answer: expect.stringContaining('normalizada') },
      });
    } finally {
      await db.close();
    }
  });
});

describeEachBackend('tickets: who may read and close them, who did', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open());
  });
  afterAll(() => s.close());

  const open = (token: string, customerCode: string) =>
    s.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: auth(token),
      payload: {
        customerCode,
        typeId: 'servicio.problema-bloqueo.pagos-pendientes',
        description: 'Pago hecho, sigue bloqueado',
      },
    });
  const history = async (token: string, code: string) =>
    (await s.app.inject({ method: 'GET', url: `/tickets?customerCode=${code}`, headers: auth(token) })).json()
      .tickets as Array<{ id: string; createdBy: string }>;

  it('a supervisor closes only their team’s tickets; who opened and who closed is recorded', async () => {
    const opened = (await open(s.team.agent, '400001')).json().ticket;
    expect(opened.createdBy).toBe('ana');
    const close = (token: string) =>
      s.app.inject({
        method: 'POST',
        url: `/tickets/${opened.id}/close`,
        headers: auth(token),
        payload: { answer: 'Desbloqueado: el pago estaba registrado.' },
      });
    const foreign = await close(s.team.otherSupervisor);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toBe('No puede cerrar un ticket de otro equipo.');
    const closed = (await close(s.team.supervisor)).json().ticket;
    expect(closed).toMatchObject({ status: 'cerrado', createdBy: 'ana', closedBy: 'sup1' });
    const detail = await s.app.inject({
      method: 'GET',
      url: `/tickets/${opened.id}`,
      headers: auth(s.team.admin),
    });
    expect(
      detail.json().events.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`),
    ).toEqual(['abierto:ana', 'cerrado:sup1']);
    expect(
      (await s.app.inject({ method: 'GET', url: `/tickets/${opened.id}`, headers: auth(s.team.otherAgent) }))
        .statusCode,
    ).toBe(403);
  });

  it('reads are scoped: an agent sees the tickets they opened, a supervisor their team’s, an admin all', async () => {
    const mine = (await open(s.team.agent, '400002')).json().ticket;
    const theirs = (await open(s.team.otherAgent, '400002')).json();
    // Same typology and customer: one open ticket, whoever asks — the Z4 rule.
    expect(theirs).toMatchObject({ created: false, ticket: { id: mine.id } });
    const other = (
      await s.app.inject({
        method: 'POST',
        url: '/tickets',
        headers: auth(s.team.otherAgent),
        payload: {
          customerCode: '400002',
          typeId: 'postventa.acceso-camion.acceso-camion',
        },
      })
    ).json().ticket;
    expect((await history(s.team.agent, '400002')).map((t) => t.id)).toEqual([mine.id]);
    expect((await history(s.team.otherAgent, '400002')).map((t) => t.id)).toEqual([other.id]);
    expect((await history(s.team.supervisor, '400002')).map((t) => t.id)).toEqual([mine.id]);
    expect(new Set((await history(s.team.admin, '400002')).map((t) => t.id))).toEqual(
      new Set([mine.id, other.id]),
    );
    // The open-ticket question (Z4) stays answerable for any customer an agent is serving.
    const asked = await s.app.inject({
      method: 'GET',
      url: '/tickets/open?customerCode=400002&typeId=servicio.problema-bloqueo.pagos-pendientes',
      headers: auth(s.team.otherAgent),
    });
    expect(asked.json().ticket.id).toBe(mine.id);
    // So does the desk's copy (Z4 and the duplicate checks offline): every ticket of the customer,
    // as facts for the customer, without what was written or who did it.
    const desk = (
      await s.app.inject({ method: 'GET', url: '/customers/400002/tickets', headers: auth(s.team.agent) })
    ).json().tickets as Array<Record<string, unknown>>;
    expect(new Set(desk.map((t) => t.id))).toEqual(new Set([mine.id, other.id]));
    for (const ticket of desk) {
      expect(ticket).not.toHaveProperty('description');
      expect(ticket).not.toHaveProperty('createdBy');
      expect(ticket).not.toHaveProperty('closedBy');
      expect(ticket).not.toHaveProperty('formId');
    }
  });

  it('once a directory is loaded, tickets and forms for customers it does not hold are refused', async () => {
    const stored = form('certificacion', { customerCode: '400003' });
    const post = (f: ReturnType<typeof form>) =>
      s.app.inject({
        method: 'POST',
        url: '/forms/batch',
        headers: auth(s.team.agent),
        payload: { forms: [f] },
      });
    expect((await post(stored)).json().results[0].status).toBe('accepted');
    await s.db.query(
      `INSERT INTO customers (codigo, data, version, import_id, deleted) VALUES
         ('400003', '{"codigo":"400003","nombre":"Dada de baja"}'::jsonb, 1, 0, true),
         ('400004', '{"codigo":"400004","nombre":"Vigente"}'::jsonb, 2, 0, false)`,
    );
    const unknown = await open(s.team.agent, '999999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/«999999» no existe en el directorio/);
    expect((await open(s.team.agent, '400004')).statusCode).toBe(201);
    const [forUnknown, forDeleted, forKnown] = await Promise.all(
      ['999999', '400003', '400004'].map(
        async (code) => (await post(form('certificacion', { customerCode: code }))).json().results[0],
      ),
    );
    expect(forUnknown).toMatchObject({ status: 'rejected' });
    expect(forUnknown.reason).toMatch(/^Código de cliente: el cliente «999999» no existe/);
    expect(forDeleted.reason).toMatch(/«400003» fue dado de baja/);
    expect(forKnown.status).toBe('accepted');
    // The form stored before its customer left the directory, sent again: still a duplicate, not a rejection.
    expect((await post(stored)).json().results[0].status).toBe('duplicate');
  });
});
