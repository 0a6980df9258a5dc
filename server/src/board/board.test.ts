import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentsWidget, CallsWidget, FormsWidget, TicketsWidget } from '../../../shared/api/board';
import type { CallRecord } from '../../../shared/telephony/callRecord';
import { boardReader } from '../../test/board';
import { describeEachBackend } from '../../test/db';
import { PASSWORD, auth, count, form, login, startApp, type Started } from '../../test/harness';
import { createUser } from '../auth/users';

/**
 * A known month and a half of work, small enough to count by hand (the figures in the comments
 * are the hand counts). Chile is at UTC-3 in February and March 2026; there are no public holidays
 * in those months, so business days are the weekdays. "Today" is 10 March 2026 (injected clock).
 */
const RANGE = 'from=2026-02-01&to=2026-03-10';

function call(id: string, overrides: Partial<CallRecord> & Pick<CallRecord, 'startedAt'>): CallRecord {
  return {
    id,
    direction: 'incoming',
    number: '+56944556677',
    displayName: null,
    customerCode: '100001',
    blockCodes: [],
    answeredAt: null,
    endedAt: overrides.startedAt,
    outcome: 'missed',
    transferTarget: null,
    companion: false,
    callBackOf: null,
    ...overrides,
  };
}

describeEachBackend('supervisors’ board', (backend) => {
  let s: Started;
  let clock = new Date('2026-03-10T15:00:00Z');
  let carla: string;
  const ids: Record<string, string> = {};

  const { get, widget, drill } = boardReader(() => s, RANGE);
  const uploadCalls = (token: string, calls: unknown[]) =>
    s.app.inject({ method: 'POST', url: '/calls/batch', headers: auth(token), payload: { calls } });
  const postForm = async (token: string, f: ReturnType<typeof form>) => {
    const response = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(token),
      payload: { forms: [f] },
    });
    return response.json().results[0] as { status: string };
  };
  const resolve = async (
    id: string,
    status: 'resuelto' | 'rechazado',
    at: string,
    token = s.team.supervisor,
  ) => {
    clock = new Date(at);
    const response = await s.app.inject({
      method: 'POST',
      url: `/forms/${id}/resolution`,
      headers: auth(token),
      payload: { status },
    });
    clock = new Date('2026-03-10T15:00:00Z');
    return response;
  };

  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => clock });
    await createUser(s.db, {
      username: 'carla',
      password: PASSWORD,
      role: 'agent',
      supervisor: 'sup1',
      displayName: 'Carla Ruiz',
    });
    carla = await login(s.app, 'carla');

    // Calls. ana (team sup1): 4 in range + 1 before it; beto (team sup2): 2; carla (team sup1): 1.
    const ana = [
      call('a1', {
        startedAt: '2026-02-10T10:00:00-03:00',
        answeredAt: '2026-02-10T10:00:05-03:00',
        endedAt: '2026-02-10T10:05:05-03:00',
        outcome: 'answered',
        blockCodes: ['Z1'],
      }),
      call('a2', {
        startedAt: '2026-02-10T11:00:00-03:00',
        endedAt: '2026-02-10T11:00:30-03:00',
        outcome: 'missed',
        blockCodes: ['2M', 'Z1'],
      }),
      call('a3', {
        startedAt: '2026-03-02T09:30:00-03:00',
        answeredAt: '2026-03-02T09:30:10-03:00',
        endedAt: '2026-03-02T09:32:10-03:00',
        outcome: 'transferred-telecobranzas',
        transferTarget: '26939901',
        blockCodes: ['Z1'],
      }),
      // 23:30 in Santiago is already 3 March in UTC: it belongs to 2 March.
      call('a4', {
        startedAt: '2026-03-02T23:30:00-03:00',
        endedAt: '2026-03-02T23:30:20-03:00',
        outcome: 'missed',
        customerCode: null,
      }),
      call('a5', {
        startedAt: '2026-01-20T10:00:00-03:00',
        answeredAt: '2026-01-20T10:00:01-03:00',
        endedAt: '2026-01-20T10:01:01-03:00',
        outcome: 'answered',
        blockCodes: ['ZB'],
      }),
    ];
    expect((await uploadCalls(s.team.agent, ana)).json()).toMatchObject({
      accepted: 5,
      duplicate: 0,
      rejected: 0,
    });
    await uploadCalls(s.team.otherAgent, [
      call('b1', {
        startedAt: '2026-02-15T12:00:00-03:00',
        answeredAt: '2026-02-15T12:00:00-03:00',
        endedAt: '2026-02-15T12:01:00-03:00',
        outcome: 'answered',
        blockCodes: ['ZB'],
      }),
      call('b2', {
        direction: 'outgoing',
        startedAt: '2026-03-05T12:00:00-03:00',
        answeredAt: '2026-03-05T12:00:05-03:00',
        endedAt: '2026-03-05T12:00:35-03:00',
        outcome: 'answered',
      }),
    ]);
    await uploadCalls(carla, [
      call('c1', {
        startedAt: '2026-03-05T15:00:00-03:00',
        endedAt: '2026-03-05T15:00:10-03:00',
        outcome: 'rejected',
        blockCodes: ['Z4'],
      }),
    ]);

    // Forms. ana: f1 (resolved after a day), f2 (rejected after an hour), f3 (waiting), one refused;
    // beto: f4 (resolved after two hours); carla: f5, the Z4 form that opens ticket T1.
    const f1 = form('telecobranzas', { agent: 'ana', createdAt: '2026-02-10T10:03:00-03:00' });
    const f2 = form('inactivo', {
      agent: 'ana',
      createdAt: '2026-03-02T09:35:00-03:00',
      customerCode: '100002',
    });
    const f3 = form('telecobranzas', {
      agent: 'ana',
      createdAt: '2026-03-02T09:40:00-03:00',
      customerCode: '100003',
    });
    const refused = form('telecobranzas', { agent: 'ana', createdAt: '2026-03-03T10:00:00-03:00' });
    refused.values.rut = '12.345.678-9';
    const f4 = form('certificacion', {
      agent: 'beto',
      createdAt: '2026-02-15T12:05:00-03:00',
      customerCode: '100004',
    });
    const f5 = form('ticketBloqueo', {
      agent: 'carla',
      createdAt: '2026-03-05T15:05:00-03:00',
      customerCode: '100005',
    });
    for (const [token, f] of [
      [s.team.agent, f1],
      [s.team.agent, f2],
      [s.team.agent, f3],
      [s.team.otherAgent, f4],
      [carla, f5],
    ] as const)
      expect((await postForm(token, f)).status).toBe('accepted');
    expect((await postForm(s.team.agent, refused)).status).toBe('rejected');
    // Sent again after the agent saw the rejection, still wrong: still one refusal.
    expect((await postForm(s.team.agent, refused)).status).toBe('rejected');
    Object.assign(ids, { f1: f1.id, f2: f2.id, f3: f3.id, f4: f4.id, f5: f5.id });
    expect((await resolve(f1.id, 'resuelto', '2026-02-11T13:03:00Z')).statusCode).toBe(200);
    expect((await resolve(f2.id, 'rechazado', '2026-03-02T13:35:00Z', s.team.admin)).statusCode).toBe(200);
    expect(
      (await resolve(f4.id, 'resuelto', '2026-02-15T17:05:00Z', s.team.otherSupervisor)).statusCode,
    ).toBe(200);

    // Tickets, dated as the back office worked them (T1 came from f5).
    const typology = async (subitem: string) =>
      (await s.db.query<{ id: number }>('SELECT id FROM ticket_typologies WHERE subitem = $1', [subitem]))
        .rows[0]!.id;
    const fueraDeNorma = await typology('Fuera de norma');
    const acceso = await typology('Problema acceso camión');
    ids.fueraDeNorma = String(fueraDeNorma);
    ids.acceso = String(acceso);
    const users = async (name: string) =>
      (await s.db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [name])).rows[0]!.id;
    await s.db.query(
      `UPDATE tickets SET created_at = '2026-03-05T15:10:00-03:00', due_date = '2026-03-10' WHERE form_id = $1`,
      [f5.id],
    );
    const insert = (
      code: string,
      typologyId: number,
      by: string,
      created: string,
      due: string,
      closed: string | null,
    ) =>
      users(by).then((userId) =>
        s.db.query(
          `INSERT INTO tickets (customer_code, typology_id, status, due_date, created_by, created_at, closed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [code, typologyId, closed ? 'cerrado' : 'abierto', due, userId, created, closed],
        ),
      );
    // T2: Tue 10 Feb → Fri 13 Feb, 3 business days, on time. T3: Mon 16 → Tue 24 Feb, 6 business
    // days, due the 21st: late. T4: opened Mon 2 Mar, due the 7th, still open: overdue.
    await insert(
      '200002',
      fueraDeNorma,
      'ana',
      '2026-02-10T10:00:00-03:00',
      '2026-02-15',
      '2026-02-13T16:00:00-03:00',
    );
    await insert(
      '200003',
      fueraDeNorma,
      'beto',
      '2026-02-16T10:00:00-03:00',
      '2026-02-21',
      '2026-02-24T11:00:00-03:00',
    );
    await insert('200004', acceso, 'ana', '2026-03-02T10:00:00-03:00', '2026-03-07', null);
  });
  afterAll(() => s.close());

  it('stores a call log uploaded twice once', async () => {
    const again = await uploadCalls(s.team.agent, [
      call('a1', { startedAt: '2026-02-10T10:00:00-03:00', outcome: 'answered' }),
      call('a6', { startedAt: 'ayer', outcome: 'missed' }),
    ]);
    expect(again.statusCode).toBe(207);
    expect(again.json()).toMatchObject({
      accepted: 0,
      duplicate: 1,
      rejected: 1,
      results: [
        { id: 'a1', status: 'duplicate' },
        { id: 'a6', status: 'rejected', reason: expect.stringContaining('Inicio') },
      ],
    });
    expect(await count(s.db, `SELECT 1 FROM calls WHERE id = 'a1'`)).toBe(1);
    // The same call id from another agent's desk (a forked call) is that agent's own row.
    expect(
      (await uploadCalls(s.team.otherAgent, [call('a4', { startedAt: '2025-06-02T10:00:00-04:00' })])).json()
        .accepted,
    ).toBe(1);
  });

  it('counts calls with blocked customers per day and per block', async () => {
    const calls = await widget<CallsWidget>('calls');
    expect(calls.totals).toEqual({ calls: 7, blockedCalls: 5, missed: 2 });
    expect(calls.perDay).toEqual([
      { day: '2026-02-10', calls: 2, blockedCalls: 2, missed: 1 },
      { day: '2026-02-15', calls: 1, blockedCalls: 1, missed: 0 },
      { day: '2026-03-02', calls: 2, blockedCalls: 1, missed: 1 },
      { day: '2026-03-05', calls: 2, blockedCalls: 1, missed: 0 },
    ]);
    expect(calls.perBlock).toEqual([
      { block: 'Z1', calls: 3, missed: 1 },
      { block: '2M', calls: 1, missed: 1 },
      { block: 'Z4', calls: 1, missed: 0 },
      { block: 'ZB', calls: 1, missed: 0 },
    ]);
    const z1 = await widget<CallsWidget>('calls', `${RANGE}&block=z1`);
    expect(z1.totals).toEqual({ calls: 3, blockedCalls: 3, missed: 1 });
    expect(z1.perBlock).toEqual([{ block: 'Z1', calls: 3, missed: 1 }]);
    const ana = await widget<CallsWidget>('calls', `${RANGE}&agent=ana`);
    expect(ana.totals).toEqual({ calls: 4, blockedCalls: 3, missed: 2 });
    expect(ana.perBlock).toEqual([
      { block: 'Z1', calls: 3, missed: 1 },
      { block: '2M', calls: 1, missed: 1 },
    ]);
    // January is outside the range; a range of January alone has a5.
    expect((await widget<CallsWidget>('calls', 'from=2026-01-01&to=2026-01-31')).totals.calls).toBe(1);
  });

  it('counts forms by status, type and agent, with resolution times', async () => {
    const forms = await widget<FormsWidget>('forms');
    expect(forms.totals).toEqual({ forms: 5, recibido: 2, resuelto: 2, rechazado: 1 });
    expect(forms.byStatus).toEqual([
      { status: 'recibido', forms: 2 },
      { status: 'resuelto', forms: 2 },
      { status: 'rechazado', forms: 1 },
    ]);
    expect(forms.byType).toEqual([
      expect.objectContaining({
        formType: 'telecobranzas',
        forms: 2,
        recibido: 1,
        resuelto: 1,
        avgResolutionSeconds: 86_400,
      }),
      expect.objectContaining({
        formType: 'certificacion',
        forms: 1,
        resuelto: 1,
        avgResolutionSeconds: 7_200,
      }),
      expect.objectContaining({ formType: 'inactivo', forms: 1, rechazado: 1, avgResolutionSeconds: 3_600 }),
      expect.objectContaining({
        formType: 'ticketBloqueo',
        forms: 1,
        recibido: 1,
        avgResolutionSeconds: null,
      }),
    ]);
    expect(forms.perAgent).toEqual([
      { agent: 'ana', name: 'Ana Pérez', forms: 3, recibido: 1, resuelto: 1, rechazado: 1 },
      { agent: 'beto', name: 'Beto Soto', forms: 1, recibido: 0, resuelto: 1, rechazado: 0 },
      { agent: 'carla', name: 'Carla Ruiz', forms: 1, recibido: 1, resuelto: 0, rechazado: 0 },
    ]);
    const collections = await widget<FormsWidget>('forms', `${RANGE}&formType=telecobranzas&block=Z1`);
    expect(collections.totals).toEqual({ forms: 2, recibido: 1, resuelto: 1, rechazado: 0 });
    // Narrowed by type and block, the agents' rows are narrowed too (they add up to the totals).
    const agentSum = (key: 'forms' | 'recibido' | 'resuelto') =>
      collections.perAgent.reduce((n, agent) => n + agent[key], 0);
    expect([agentSum('forms'), agentSum('recibido'), agentSum('resuelto')]).toEqual([2, 1, 1]);
  });

  it('counts tickets by type with business days to resolution and overdue ones', async () => {
    const tickets = await widget<TicketsWidget>('tickets');
    expect(tickets.totals).toEqual({
      opened: 4,
      closed: 2,
      open: 2,
      overdue: 1,
      closedLate: 1,
      avgBusinessDays: 4.5,
      medianBusinessDays: 3,
    });
    expect(tickets.byType).toEqual([
      expect.objectContaining({
        typologyId: Number(ids.fueraDeNorma),
        subitem: 'Fuera de norma',
        opened: 3,
        closed: 2,
        open: 1,
        overdue: 0,
        closedLate: 1,
        avgBusinessDays: 4.5,
        medianBusinessDays: 3,
      }),
      expect.objectContaining({
        typologyId: Number(ids.acceso),
        opened: 1,
        closed: 0,
        open: 1,
        overdue: 1,
        closedLate: 0,
        avgBusinessDays: null,
        medianBusinessDays: null,
      }),
    ]);
    // One agent's tickets are read from the tickets themselves: the same figures for ana.
    const ana = await widget<TicketsWidget>('tickets', `${RANGE}&agent=ana`);
    expect(ana.totals).toMatchObject({ opened: 2, closed: 1, open: 1, overdue: 1, avgBusinessDays: 3 });
    const onlyAcceso = await widget<TicketsWidget>('tickets', `${RANGE}&ticketType=${ids.acceso}`);
    expect(onlyAcceso.totals.opened).toBe(1);
  });

  it('gives per-agent and per-team figures: calls, missed, handled time, forms, rejection rate', async () => {
    const { agents, teams } = await widget<AgentsWidget>('agents');
    expect(agents).toEqual([
      expect.objectContaining({
        agent: 'ana',
        team: 'sup1',
        calls: 4,
        missed: 2,
        answered: 2,
        handledSeconds: 420,
        avgHandledSeconds: 210,
        forms: 3,
        formsRejected: 1,
        formsRefused: 1,
        rejectionRate: 0.5,
      }),
      expect.objectContaining({
        agent: 'beto',
        team: 'sup2',
        calls: 2,
        missed: 0,
        answered: 2,
        handledSeconds: 90,
        avgHandledSeconds: 45,
        forms: 1,
        rejectionRate: 0,
      }),
      expect.objectContaining({
        agent: 'carla',
        team: 'sup1',
        calls: 1,
        missed: 0,
        answered: 0,
        handledSeconds: 0,
        avgHandledSeconds: null,
        forms: 1,
        rejectionRate: 0,
      }),
    ]);
    expect(teams).toEqual([
      expect.objectContaining({
        team: 'sup1',
        name: 'Equipo de Supervisora Uno',
        agents: 2,
        calls: 5,
        missed: 2,
        handledSeconds: 420,
        forms: 4,
        formsRejected: 1,
        formsRefused: 1,
        rejectionRate: 0.4,
      }),
      expect.objectContaining({ team: 'sup2', agents: 1, calls: 2, forms: 1, rejectionRate: 0 }),
    ]);
  });

  it('every number drills down to exactly the rows behind it', async () => {
    const calls = await widget<CallsWidget>('calls');
    for (const day of calls.perDay) {
      expect((await drill('calls', `day=${day.day}`)).length).toBe(day.calls);
      expect((await drill('calls', `day=${day.day}&measure=blocked`)).length).toBe(day.blockedCalls);
      expect((await drill('calls', `day=${day.day}&measure=missed`)).length).toBe(day.missed);
    }
    for (const block of calls.perBlock) {
      const rows = await drill('calls', `cellBlock=${encodeURIComponent(block.block)}`);
      expect(rows.length).toBe(block.calls);
      expect(rows.every((row) => (row.blockCodes as string[]).includes(block.block))).toBe(true);
    }
    const forms = await widget<FormsWidget>('forms');
    for (const { status, forms: n } of forms.byStatus)
      expect((await drill('forms', `status=${status}`)).length).toBe(n);
    for (const type of forms.byType)
      expect((await drill('forms', `cellFormType=${type.formType}`)).length).toBe(type.forms);
    for (const agent of forms.perAgent) {
      expect((await drill('forms', `cellAgent=${agent.agent}`)).length).toBe(agent.forms);
      expect((await drill('forms', `cellAgent=${agent.agent}&status=rechazado`)).length).toBe(
        agent.rechazado,
      );
    }
    const tickets = await widget<TicketsWidget>('tickets');
    for (const type of tickets.byType)
      for (const measure of ['open', 'closed', 'overdue', 'closedLate'] as const)
        expect((await drill('tickets', `typologyId=${type.typologyId}&measure=${measure}`)).length).toBe(
          type[measure],
        );
    const { agents, teams } = await widget<AgentsWidget>('agents');
    for (const agent of agents) {
      expect((await drill('calls', `cellAgent=${agent.agent}`)).length).toBe(agent.calls);
      expect((await drill('calls', `cellAgent=${agent.agent}&measure=missed`)).length).toBe(agent.missed);
      const answered = await drill('calls', `cellAgent=${agent.agent}&measure=answered`);
      expect(answered.length).toBe(agent.answered);
      expect(answered.reduce((total, row) => total + (row.handledSeconds as number), 0)).toBe(
        agent.handledSeconds,
      );
      expect((await drill('forms', `cellAgent=${agent.agent}&measure=rejected`)).length).toBe(
        agent.formsRejected,
      );
      expect((await drill('refusals', `cellAgent=${agent.agent}`)).length).toBe(agent.formsRefused);
    }
    for (const team of teams)
      expect((await drill('calls', `cellTeam=${team.team ?? '-'}`)).length).toBe(team.calls);
  });

  it('shows a supervisor their own team only, with RUTs and phones masked', async () => {
    const calls = await widget<CallsWidget>('calls', RANGE, s.team.supervisor);
    expect(calls.filters.team).toBe('sup1');
    expect(calls.totals).toEqual({ calls: 5, blockedCalls: 4, missed: 2 });
    const other = await s.app.inject({
      method: 'GET',
      url: `/board/widgets/calls?${RANGE}&team=sup2`,
      headers: auth(s.team.supervisor),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('Solo puede ver las cifras de su propio equipo.');
    const masked = await drill('forms', `cellAgent=ana&status=resuelto`, s.team.supervisor);
    expect(masked[0]).toMatchObject({ rut: '**.***.678-5', phone: '+** * **** 5678' });
    const plain = await drill('forms', `cellAgent=ana&status=resuelto`, s.team.admin);
    expect(plain[0]).toMatchObject({ rut: '12.345.678-5', phone: '+56 9 1234 5678' });
    const options = await get<{
      teamLocked: string;
      agents: Array<{ agent: string }>;
      personalData: boolean;
    }>('/board/options', s.team.supervisor);
    expect(options).toMatchObject({ teamLocked: 'sup1', personalData: false });
    expect(options.agents.map((a) => a.agent).sort()).toEqual(['ana', 'carla']);
  });

  it('refuses agents (403) and bad filters (400, in Spanish)', async () => {
    for (const url of [
      '/board/options',
      `/board/widgets/calls?${RANGE}`,
      '/board/rows/calls',
      '/board/events',
    ])
      expect((await s.app.inject({ method: 'GET', url, headers: auth(s.team.agent) })).statusCode).toBe(403);
    const backwards = await s.app.inject({
      method: 'GET',
      url: '/board/widgets/forms?from=2026-03-10&to=2026-03-01',
      headers: auth(s.team.admin),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe('La fecha «desde» es posterior a la fecha «hasta».');
    const tooLong = await s.app.inject({
      method: 'GET',
      url: '/board/widgets/forms?from=2024-01-01&to=2026-03-01',
      headers: auth(s.team.admin),
    });
    expect(tooLong.json().message).toContain('400 días');
    const badDay = await s.app.inject({
      method: 'GET',
      url: '/board/widgets/forms?from=2026-02-30',
      headers: auth(s.team.admin),
    });
    expect(badDay.statusCode).toBe(400);
    const badCursor = await s.app.inject({
      method: 'GET',
      url: '/board/rows/calls?cursor=nope',
      headers: auth(s.team.admin),
    });
    expect(badCursor.statusCode).toBe(400);
  });

  it('resolves a form once: the same answer again is fine, another one is a conflict', async () => {
    const again = await resolve(ids.f1!, 'resuelto', '2026-03-10T15:00:00Z');
    expect(again.statusCode).toBe(200);
    const conflict = await resolve(ids.f1!, 'rechazado', '2026-03-10T15:00:00Z');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().message).toContain('ya fue marcado «resuelto»');
    // sup2 may not resolve a form of sup1's team.
    expect(
      (await resolve(ids.f3!, 'resuelto', '2026-03-10T15:00:00Z', s.team.otherSupervisor)).statusCode,
    ).toBe(404);
  });
});

describeEachBackend('a call uploaded before its customer was found (issue 12)', (backend) => {
  let s: Started;
  const clock = new Date('2026-03-10T15:00:00Z');
  const { widget } = boardReader(() => s, RANGE);
  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => clock });
  });
  afterAll(() => s.close());

  const upload = async (record: CallRecord) =>
    (
      await s.app.inject({
        method: 'POST',
        url: '/calls/batch',
        headers: auth(s.team.agent),
        payload: { calls: [record] },
      })
    ).json().results[0] as { status: string };
  const stored = async () =>
    (await s.db.query(`SELECT customer_code, block_codes FROM calls WHERE id = 'late'`)).rows[0];

  it('gets the customer and blocks when sent again, never overwritten, and the board counts it once', async () => {
    const startedAt = '2026-03-02T10:00:00-03:00';
    const unknown = call('late', { startedAt, customerCode: null, blockCodes: [] });
    expect(await upload(unknown)).toEqual({ id: 'late', status: 'accepted' });
    expect((await widget<CallsWidget>('calls')).totals).toEqual({ calls: 1, blockedCalls: 0, missed: 1 });

    // The desk's look-up finished after the upload: the same call again, now with its customer.
    expect(await upload({ ...unknown, customerCode: '100001', blockCodes: ['Z1'] })).toEqual({
      id: 'late',
      status: 'accepted',
    });
    expect(await stored()).toEqual({ customer_code: '100001', block_codes: ['Z1'] });
    const calls = await widget<CallsWidget>('calls');
    expect(calls.totals).toEqual({ calls: 1, blockedCalls: 1, missed: 1 });
    expect(calls.perBlock).toEqual([{ block: 'Z1', calls: 1, missed: 1 }]);
    expect(calls.perDay).toEqual([{ day: '2026-03-02', calls: 1, blockedCalls: 1, missed: 1 }]);

    // What the server has is never overwritten: a later, different version is a duplicate.
    expect(await upload({ ...unknown, customerCode: '100002', blockCodes: ['ZB'] })).toEqual({
      id: 'late',
      status: 'duplicate',
    });
    expect(await upload(unknown)).toEqual({ id: 'late', status: 'duplicate' });
    expect(await stored()).toEqual({ customer_code: '100001', block_codes: ['Z1'] });
    expect((await widget<CallsWidget>('calls')).totals).toEqual({ calls: 1, blockedCalls: 1, missed: 1 });
  });

  it('takes a call the desk closed as interrupted after a crash', async () => {
    const interrupted = call('crashed', {
      startedAt: '2026-03-03T10:00:00-03:00',
      answeredAt: '2026-03-03T10:00:05-03:00',
      endedAt: '2026-03-03T10:00:05-03:00',
      outcome: 'interrupted',
    });
    expect(await upload(interrupted)).toEqual({ id: 'crashed', status: 'accepted' });
    expect((await s.db.query(`SELECT outcome FROM calls WHERE id = 'crashed'`)).rows).toEqual([
      { outcome: 'interrupted' },
    ]);
    expect((await widget<CallsWidget>('calls')).totals.calls).toBe(2);
  });
});
