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
