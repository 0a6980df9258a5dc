import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EscalationDetail } from '../../../shared/api';
import { describeEachBackend } from '../../test/db';
import { auth, form, startApp, type Started } from '../../test/harness';

// Monday 9 March 2026, 10:00 in Santiago.
const START = new Date('2026-03-09T10:00:00-03:00');
let clock = START;

describeEachBackend('escalations inbox', (backend) => {
  let s: Started;

  beforeAll(async () => {
    clock = START;
    s = await startApp(await backend.open(), {}, { now: () => clock });
  });
  afterAll(async () => {
    await s.close();
  });

  async function send(token: string, ...forms: ReturnType<typeof form>[]) {
    const response = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(token),
      payload: { forms },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().results as Array<{ status: string; ticket?: { id: string; dueDate: string } }>;
  }

  async function inbox(token: string, query = '') {
    const response = await s.app.inject({ method: 'GET', url: `/escalations${query}`, headers: auth(token) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      escalations: EscalationDetail[];
      counts: { open: number; mine: number; unassigned: number };
    };
  }

  async function act(token: string, id: number, body: Record<string, unknown>) {
    const response = await s.app.inject({
      method: 'POST',
      url: `/escalations/${id}/events`,
      headers: auth(token),
      payload: { clientId: randomUUID(), ...body },
    });
    return { status: response.statusCode, body: response.json() };
  }

  const supervisorForm = (reason: string, customerCode: string, extra: Record<string, unknown> = {}) =>
    form('supervisor', {
      customerCode,
      supervisorReason: reason as never,
      values: { observations: `Motivo ${reason}` },
      ...extra,
    });

  it("each kind of agent escalation reaches the agent's supervisor's inbox, not another team's", async () => {
    await send(
      s.team.agent,
      supervisorForm('datos-ya-tomados', '600001'),
      supervisorForm('codigo-desconocido', '600002', { blockCodes: ['ZQ'] }),
      supervisorForm('codigo-reemplazado-sin-nuevo', '600003', { blockCodes: [] }),
      supervisorForm('z3-sin-habilitado', '600004', { blockCodes: ['Z3'] }),
    );
    const mine = await inbox(s.team.supervisor);
    expect(mine.escalations.map((e) => [e.kind, e.customerCode, e.agent, e.status])).toEqual([
      ['datos_ya_tomados', '600001', 'Ana Pérez', 'abierta'],
      ['codigo_desconocido', '600002', 'Ana Pérez', 'abierta'],
      ['codigo_reemplazado', '600003', 'Ana Pérez', 'abierta'],
      ['z3_sin_habilitado', '600004', 'Ana Pérez', 'abierta'],
    ]);
    expect(mine.escalations[1]!.details).toEqual({ comentario: 'Motivo codigo-desconocido', bloqueos: 'ZQ' });
    expect(mine.counts).toEqual({ open: 4, mine: 0, unassigned: 4 });
    expect((await inbox(s.team.otherSupervisor)).escalations).toEqual([]);
    expect((await inbox(s.team.admin)).escalations).toHaveLength(4);
    for (const url of ['/escalations', `/escalations/${mine.escalations[0]!.id}`]) {
      const response = await s.app.inject({ method: 'GET', url, headers: auth(s.team.agent) });
      expect(response.statusCode).toBe(403);
    }
    const other = await s.app.inject({
      method: 'GET',
      url: `/escalations/${mine.escalations[0]!.id}`,
      headers: auth(s.team.otherSupervisor),
    });
    expect(other.statusCode).toBe(404);
  });

  it('a Z4 ticket past its due date joins the inbox once, also when the agent escalates it', async () => {
    const [opened] = await send(s.team.agent, form('ticketBloqueo', { customerCode: '600010' }));
    const ticket = opened!.ticket!;
    // Two business days after Thursday 12 March (issue 10: due dates in business days).
    expect(ticket.dueDate).toBe('2026-03-16');
    const kinds = async () =>
      (await inbox(s.team.supervisor)).escalations.filter((e) => e.kind === 'ticket_vencido');
    clock = new Date('2026-03-16T20:00:00-03:00');
    expect(await kinds()).toEqual([]);
    clock = new Date('2026-03-17T00:30:00-03:00');
    const [overdue] = await kinds();
    expect(overdue).toMatchObject({
      ticketId: ticket.id,
      customerCode: '600010',
      agent: 'Ana Pérez',
      summary: `Ticket «Problema de bloqueo / Fuera de norma» ${ticket.id} vencido el 16-03-2026 sin respuesta`,
    });
    // The agent escalates the same ticket: the same item, not a second one.
    await send(
      s.team.agent,
      supervisorForm('ticket-vencido', '600010', { context: { ticketId: ticket.id } }),
    );
    expect(await kinds()).toHaveLength(1);
  });

  it('take, comment, reassign, close and reopen; two supervisors taking at once: one wins; nothing is deleted', async () => {
    const [item] = (await inbox(s.team.supervisor)).escalations;
    const id = item!.id;
    const [a, b] = await Promise.all([
      act(s.team.supervisor, id, { type: 'take', expectedVersion: item!.version }),
      act(s.team.admin, id, { type: 'take', expectedVersion: item!.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.message).toMatch(
      /^Otro usuario cambió este escalamiento mientras usted lo veía\. (Supervisora Uno|admin) lo tomó\. Revise el estado actual\.$/,
    );
    const winner = (a.status === 201 ? a : b).body.escalation as EscalationDetail;
    expect(winner.status).toBe('tomada');

    const commented = await act(s.team.supervisor, id, {
      type: 'comment',
      comment: 'Llamé a Telecobranzas: lo revisan hoy',
    });
    expect(commented.status).toBe(201);
    expect((await act(s.team.supervisor, id, { type: 'comment', comment: '  ' })).status).toBe(422);
    const sup2 = (await s.db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'sup2'`)).rows[0]!
      .id;
    const reassigned = await act(s.team.admin, id, {
      type: 'reassign',
      assigneeId: sup2,
      expectedVersion: winner.version,
      comment: 'Es de su zona',
    });
    expect(reassigned.status).toBe(201);
    expect(reassigned.body.escalation.assignee).toEqual({ id: sup2, name: 'sup2' });
    // Now sup2 sees it (assigned to them) and closes it with how it was solved.
    expect((await inbox(s.team.otherSupervisor, '?mine=true')).escalations.map((e) => e.id)).toEqual([id]);
    const noReason = await act(s.team.otherSupervisor, id, {
      type: 'close',
      comment: '',
      expectedVersion: reassigned.body.escalation.version,
    });
    expect(noReason.body.message).toBe('Escriba cómo se resolvió.');
    const closed = await act(s.team.otherSupervisor, id, {
      type: 'close',
      comment: 'Telecobranzas desbloqueó al cliente',
      expectedVersion: reassigned.body.escalation.version,
    });
    expect(closed.body.escalation).toMatchObject({ status: 'cerrada' });
    expect((await inbox(s.team.admin, '?status=closed')).escalations.map((e) => e.id)).toContain(id);
    const reopened = await act(s.team.admin, id, {
      type: 'reopen',
      comment: 'El cliente volvió a llamar',
      expectedVersion: closed.body.escalation.version,
    });
    expect(reopened.body.escalation.status).toBe('tomada');
    expect((reopened.body.escalation as EscalationDetail).events.map((e) => [e.kind, e.actor])).toEqual([
      ['created', 'Ana Pérez'],
      ['take', a.status === 201 ? 'Supervisora Uno' : 'admin'],
      ['comment', 'Supervisora Uno'],
      ['reassign', 'admin'],
      ['close', 'sup2'],
      ['reopen', 'admin'],
    ]);
    expect(await s.db.query('SELECT 1 FROM escalations WHERE id = $1', [id]).then((r) => r.rows.length)).toBe(
      1,
    );
  });

  it('a resent action is done once', async () => {
    const [item] = (await inbox(s.team.admin, '?kind=codigo_desconocido')).escalations;
    const body = { type: 'take', expectedVersion: item!.version, clientId: randomUUID() };
    const first = await act(s.team.admin, item!.id, body);
    const again = await act(s.team.admin, item!.id, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.duplicate).toBe(true);
    expect((again.body.escalation as EscalationDetail).events.filter((e) => e.kind === 'take')).toHaveLength(
      1,
    );
  });
});

describeEachBackend('forms the server refuses become inbox items (issue 11)', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => START });
  });
  afterAll(() => s.close());

  const post = (token: string, forms: unknown[]) =>
    s.app.inject({ method: 'POST', url: '/forms/batch', headers: auth(token), payload: { forms } });
  const inbox = async (token: string) =>
    (
      await s.app.inject({
        method: 'GET',
        url: '/escalations?kind=formulario_rechazado',
        headers: auth(token),
      })
    ).json() as {
      escalations: EscalationDetail[];
      counts: { open: number };
    };

  it("with the reason and the agent, in the agent's supervisor's inbox, once per refused form, live", async () => {
    const heard: string[] = [];
    const unlisten = await s.db.listen('board_changed', (payload) => {
      if (payload) heard.push(payload);
    });
    const bad = form('sinConsumo', { values: { ...form('sinConsumo').values, contactPhone: '123' } });
    const good = form('sinConsumo');
    const response = await post(s.team.agent, [good, bad]);
    expect(response.statusCode).toBe(207);
    const reason = response.json().results[1].reason as string;
    expect(reason).toMatch(/Teléfono de contacto/);

    const { escalations, counts } = await inbox(s.team.supervisor);
    expect(counts.open).toBe(1);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      kind: 'formulario_rechazado',
      status: 'abierta',
      customerCode: bad.customerCode,
      customerName: bad.customerName,
      agent: 'Ana Pérez',
      summary: `Formulario rechazado por la central: ${reason}`,
      details: {
        motivo: reason,
        formulario: 'Solicitud de visita a corto plazo: sin consumo',
        idFormulario: bad.id,
      },
    });
    // Another team's supervisor does not see it; the admin does.
    expect((await inbox(s.team.otherSupervisor)).escalations).toEqual([]);
    expect((await inbox(s.team.admin)).escalations.map((e) => e.details.idFormulario)).toEqual([bad.id]);

    // The desk sends it again (a lost answer, or «Reenviar» as it was): still one item, one event.
    expect((await post(s.team.agent, [bad])).statusCode).toBe(422);
    const again = await inbox(s.team.supervisor);
    expect(again.escalations).toHaveLength(1);
    const events = await s.db.query('SELECT kind FROM escalation_events WHERE escalation_id = $1', [
      again.escalations[0]!.id,
    ]);
    expect(events.rows).toEqual([{ kind: 'created' }]);

    // The board's live channel says so (the menu's count of open escalations follows it).
    await expect.poll(() => heard.includes('escalations'), { timeout: 5_000 }).toBe(true);
    await unlisten();
  });

  it('a refused form whose fields PostgreSQL cannot store still becomes one item', async () => {
    const poisoned = form('sinConsumo', {
      customerName: 'Cliente\u0000 con NUL',
      values: { ...form('sinConsumo').values, contactPhone: '123' },
    });
    const response = await post(s.team.otherAgent, [poisoned]);
    expect(response.statusCode).toBeLessThan(500);
    const items = (await inbox(s.team.admin)).escalations.filter(
      (e) => e.details.idFormulario === poisoned.id,
    );
    expect(items).toHaveLength(1);
    expect(items[0]!.agent).not.toBeNull();
  });
});
