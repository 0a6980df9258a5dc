import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { auth, form, startApp, type Started } from '../../test/harness';
import { addDays, todayIn } from './dates';

describe('ticket dates', () => {
  it('"today" is Chile’s date, not UTC’s', () => {
    // 02:30 UTC on the 27th is still the 26th in Santiago (UTC-3 in summer).
    expect(todayIn('America/Santiago', new Date('2026-11-27T02:30:00Z'))).toBe('2026-11-26');
    expect(addDays('2026-11-28', 5)).toBe('2026-12-03');
  });
});

describeEachBackend('post-sale tickets', (backend) => {
  let s: Started;
  let clock = new Date('2026-11-26T15:00:00Z');
  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => clock });
  });
  afterAll(() => s.close());

  const openQuery = (code: string, token = s.team.agent) =>
    s.app.inject({ method: 'GET', url: `/tickets/open?customerCode=${code}`, headers: auth(token) });

  it('answers "no open ticket" first, then the one the Z4 form opened, with its due date', async () => {
    expect((await openQuery('300001')).json()).toEqual({ ticket: null });
    const f = form('ticketBloqueo', { customerCode: '300001' });
    await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [f] },
    });
    const { ticket } = (await openQuery('300001')).json();
    expect(ticket).toMatchObject({
      customerCode: '300001',
      status: 'abierto',
      dueDate: '2026-12-01',
      overdue: false,
      formId: f.id,
      description: 'Regulador fuera de norma',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
    });
    expect(ticket.id).toMatch(/^PV-\d{7}$/);
  });

  it('flags it overdue the day after its due date (the escalation case)', async () => {
    clock = new Date('2026-12-01T23:00:00Z'); // still Dec 1st in Chile: on time
    expect((await openQuery('300001')).json().ticket.overdue).toBe(false);
    clock = new Date('2026-12-02T12:00:00Z');
    expect((await openQuery('300001')).json().ticket.overdue).toBe(true);
  });

  it('does not open a second ticket of the same type; other typologies are separate', async () => {
    const again = await s.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: auth(s.team.agent),
      payload: {
        customerCode: '300001',
        typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, ticket: { overdue: true } });
    const other = await s.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: auth(s.team.agent),
      payload: {
        customerCode: '300001',
        typology: { asunto: 'Postventa', item: 'Problema acceso camión', subitem: 'Problema acceso camión' },
      },
    });
    expect(other.statusCode).toBe(201);
    const unknown = await s.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: auth(s.team.agent),
      payload: {
        customerCode: '300001',
        typology: { asunto: 'Servicio', item: 'Inventado', subitem: 'Nada' },
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/no existe/);
    expect(
      (
        await s.app.inject({
          method: 'GET',
          url: '/tickets?customerCode=300001',
          headers: auth(s.team.agent),
        })
      ).json().tickets,
    ).toHaveLength(2);
  });

  it('once closed (by a supervisor, not an agent) the customer has no open ticket and a new Z4 opens one', async () => {
    const { ticket } = (await openQuery('300001')).json();
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: `/tickets/${ticket.id}/close`,
          headers: auth(s.team.agent),
        })
      ).statusCode,
    ).toBe(403);
    const closed = await s.app.inject({
      method: 'POST',
      url: `/tickets/${ticket.id}/close`,
      headers: auth(s.team.supervisor),
    });
    expect(closed.json().ticket).toMatchObject({ status: 'cerrado', overdue: false });
    expect((await openQuery('300001')).json()).toEqual({ ticket: null });
    const f = form('ticketBloqueo', { customerCode: '300001' });
    const result = (
      await s.app.inject({
        method: 'POST',
        url: '/forms/batch',
        headers: auth(s.team.agent),
        payload: { forms: [f] },
      })
    ).json().results[0];
    expect(result.ticket).toMatchObject({ created: true, dueDate: '2026-12-07' });
    expect(result.ticket.id).not.toBe(ticket.id);
  });

  it('two Z4 forms for one customer at the same moment still make one ticket', async () => {
    const forms = Array.from({ length: 6 }, () => form('ticketBloqueo', { customerCode: '300777' }));
    const responses = await Promise.all(
      forms.map((f, i) =>
        s.app.inject({
          method: 'POST',
          url: '/forms/batch',
          headers: auth(i % 2 ? s.team.agent : s.team.otherAgent),
          payload: { forms: [f] },
        }),
      ),
    );
    const ids = new Set(responses.map((r) => r.json().results[0].ticket.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.json().results[0].ticket.created)).toHaveLength(1);
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
        typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Pagos pendientes' },
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
      s.app.inject({ method: 'POST', url: `/tickets/${opened.id}/close`, headers: auth(token) });
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
          typology: {
            asunto: 'Postventa',
            item: 'Problema acceso camión',
            subitem: 'Problema acceso camión',
          },
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
      url: '/tickets/open?customerCode=400002&asunto=Servicio&item=Problema%20de%20bloqueo&subitem=Pagos%20pendientes',
      headers: auth(s.team.otherAgent),
    });
    expect(asked.json().ticket.id).toBe(mine.id);
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
