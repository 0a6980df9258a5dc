import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CasesWidget, IndicatorWidget } from '../../../shared/api/board';
import { boardReader, events } from '../../test/board';
import { describeEachBackend } from '../../test/db';
import { auth, form, startApp, type Started } from '../../test/harness';

/**
 * The board's case widgets over a known set of cases, counted by hand (comments). Chile is at
 * UTC-3 in February and March 2026; "now" is 10 March 2026 12:00 in Santiago (injected clock).
 * Cases are written as rows (the cases engine has its own tests): the board reads `case_facts`.
 */
const RANGE = 'from=2026-02-01&to=2026-03-10';
const NOW = new Date('2026-03-10T15:00:00Z');

describeEachBackend('supervisors’ board: cases and the anulación indicator', (backend) => {
  let s: Started;

  const { widget, drill } = boardReader(() => s, RANGE);

  /** n cases of one shape; `opened`/`closed`/`due` are instants, `by` a username or null. */
  const insertCases = async (c: {
    procedure: 'zb' | 'anulacion';
    subject: string;
    n?: number;
    by: string | null;
    opened: string;
    step?: string;
    due?: string;
    endState?: string;
    closed?: string;
  }) => {
    await s.db.query(
      `INSERT INTO cases (procedure, subject, opening, step, end_state, opened_at, opened_by, step_entered_at,
                          due_at, closed_at, updated_at)
       SELECT $1, $2 || '-' || g, CASE $1 WHEN 'zb' THEN 'formulario_zb' ELSE 'detectada_gestion_red' END,
              $3, $4, $5::timestamptz, (SELECT id FROM users WHERE username = $6), $5::timestamptz,
              $7::timestamptz, $8::timestamptz, $5::timestamptz
         FROM generate_series(1, $9::int) g`,
      [
        c.procedure,
        c.subject,
        c.step ?? null,
        c.endState ?? null,
        c.opened,
        c.by,
        c.due ?? null,
        c.closed ?? null,
        c.n ?? 1,
      ],
    );
  };

  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => NOW });
    // ZB cases (agents' forms: ana in sup1's team, beto in sup2's).
    // Z1 ana, waiting to verify since 5 Feb, due the 6th: overdue.
    await insertCases({
      procedure: 'zb',
      subject: 'Z1',
      by: 'ana',
      opened: '2026-02-05T10:00:00-03:00',
      step: 'verificar_aviso',
      due: '2026-02-06T10:00:00-03:00',
    });
    // Z2 ana, yesterday, due tomorrow: on time.
    await insertCases({
      procedure: 'zb',
      subject: 'Z2',
      by: 'ana',
      opened: '2026-03-09T10:00:00-03:00',
      step: 'verificar_aviso',
      due: '2026-03-11T10:00:00-03:00',
    });
    // Z3 beto, coordinating a visit, due 1 March: overdue.
    await insertCases({
      procedure: 'zb',
      subject: 'Z3',
      by: 'beto',
      opened: '2026-02-20T10:00:00-03:00',
      step: 'coordinar_visita',
      due: '2026-03-01T10:00:00-03:00',
    });
    // Z4 ana, unblocked on the 14th.
    await insertCases({
      procedure: 'zb',
      subject: 'Z4',
      by: 'ana',
      opened: '2026-02-12T10:00:00-03:00',
      endState: 'desbloqueado',
      closed: '2026-02-14T10:00:00-03:00',
    });
    // Z5 ana, January: outside the range.
    await insertCases({
      procedure: 'zb',
      subject: 'Z5',
      by: 'ana',
      opened: '2026-01-15T10:00:00-03:00',
      step: 'verificar_aviso',
      due: '2026-01-16T10:00:00-03:00',
    });

    // Anulación cases (the back office's: no agent, no team).
    // A1: opened 3 March, verifying the control board, due the 4th: overdue.
    await insertCases({
      procedure: 'anulacion',
      subject: 'A1',
      by: null,
      opened: '2026-03-03T10:00:00-03:00',
      step: 'verificar_tablero',
      due: '2026-03-04T10:00:00-03:00',
    });
    // February's indicator: opened in January (outside the cases' range), ended in February:
    // 12 no anuladas + 7 zonificadas (one at 23:30 on the 28th, already 1 March in UTC) = 19
    // not cancelled, 1 re-typed = cancelled → 19 / 20 = 95 %: observado.
    const january = '2026-01-20T10:00:00-03:00';
    await insertCases({
      procedure: 'anulacion',
      subject: 'F-NA',
      n: 12,
      by: null,
      opened: january,
      endState: 'no_anulada',
      closed: '2026-02-03T12:00:00-03:00',
    });
    await insertCases({
      procedure: 'anulacion',
      subject: 'F-ZO',
      n: 6,
      by: null,
      opened: january,
      endState: 'zonificada',
      closed: '2026-02-27T12:00:00-03:00',
    });
    await insertCases({
      procedure: 'anulacion',
      subject: 'F-ZO-LATE',
      by: null,
      opened: january,
      endState: 'zonificada',
      closed: '2026-02-28T23:30:00-03:00',
    });
    await insertCases({
      procedure: 'anulacion',
      subject: 'F-RE',
      by: null,
      opened: january,
      endState: 'redigitada',
      closed: '2026-02-10T12:00:00-03:00',
    });
    // March's (1–10): opened 2 March, 24 not cancelled + 1 cancelled → 24 / 25 = 96 %: aceptado.
    await insertCases({
      procedure: 'anulacion',
      subject: 'M-NA',
      n: 24,
      by: null,
      opened: '2026-03-02T09:00:00-03:00',
      endState: 'no_anulada',
      closed: '2026-03-06T12:00:00-03:00',
    });
    await insertCases({
      procedure: 'anulacion',
      subject: 'M-AN',
      by: null,
      opened: '2026-03-02T09:00:00-03:00',
      endState: 'anulada',
      closed: '2026-03-09T12:00:00-03:00',
    });
    // Cancelled on the 11th: after the range.
    await insertCases({
      procedure: 'anulacion',
      subject: 'M-AN-LATER',
      by: null,
      opened: '2026-01-20T09:00:00-03:00',
      endState: 'anulada',
      closed: '2026-03-11T12:00:00-03:00',
    });
    // A migrated database and a started app: slow on a loaded two-core machine.
  }, 180_000);
  afterAll(() => s?.close());

  it('counts cases by procedure and step, with the overdue ones', async () => {
    const cases = await widget<CasesWidget>('cases');
    // Opened in the range: Z1–Z4, A1 and the 25 of March (not Z5, not those of January).
    expect(cases.totals).toEqual({ opened: 30, open: 4, overdue: 3, closed: 26 });
    expect(cases.byProcedure).toEqual([
      { procedure: 'anulacion', title: expect.any(String), opened: 26, open: 1, overdue: 1, closed: 25 },
      { procedure: 'zb', title: 'Protocolo de bloqueos ZB', opened: 4, open: 3, overdue: 2, closed: 1 },
    ]);
    expect(
      cases.byStep.map(({ procedure, step, open, overdue }) => ({ procedure, step, open, overdue })),
    ).toEqual([
      { procedure: 'anulacion', step: 'verificar_tablero', open: 1, overdue: 1 },
      { procedure: 'zb', step: 'verificar_aviso', open: 2, overdue: 1 },
      { procedure: 'zb', step: 'coordinar_visita', open: 1, overdue: 1 },
    ]);
    expect(cases.byStep[1]!.stepTitle).toBe('Verificar el aviso EME en la Web Despacho');
    expect(cases.byEndState).toEqual([
      expect.objectContaining({
        procedure: 'anulacion',
        endState: 'no_anulada',
        label: 'No anulada',
        closed: 24,
      }),
      expect.objectContaining({ procedure: 'anulacion', endState: 'anulada', closed: 1 }),
      expect.objectContaining({
        procedure: 'zb',
        endState: 'desbloqueado',
        label: 'Desbloqueado',
        closed: 1,
      }),
    ]);
    expect(cases.applies).toEqual(['from', 'to', 'team', 'agent', 'procedure']);

    // A team: the cases its agents opened (sup1: ana's Z1, Z2, Z4).
    expect((await widget<CasesWidget>('cases', `${RANGE}&team=sup1`)).totals).toEqual({
      opened: 3,
      open: 2,
      overdue: 1,
      closed: 1,
    });
    // A supervisor sees their own team only (sup2: beto's Z3).
    expect((await widget<CasesWidget>('cases', RANGE, s.team.otherSupervisor)).totals).toEqual({
      opened: 1,
      open: 1,
      overdue: 1,
      closed: 0,
    });
    expect((await widget<CasesWidget>('cases', `${RANGE}&agent=beto`)).byStep).toEqual([
      expect.objectContaining({ step: 'coordinar_visita', open: 1, overdue: 1 }),
    ]);
    expect((await widget<CasesWidget>('cases', `${RANGE}&procedure=zb`)).totals).toEqual({
      opened: 4,
      open: 3,
      overdue: 2,
      closed: 1,
    });
    // January alone: Z5 and the 20 + 1 anulación cases opened then.
    expect((await widget<CasesWidget>('cases', 'from=2026-01-01&to=2026-01-31')).totals.opened).toBe(22);
  });

  it('every case number drills down to the cases behind it', async () => {
    const overdueVerify = await drill('cases', 'cellProcedure=zb&step=verificar_aviso&measure=overdue');
    expect(overdueVerify).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^ZB-\d{6}$/),
        subject: 'Z1-1',
        openedBy: 'ana',
        state: 'abierto',
        stepOrEnd: 'Verificar el aviso EME en la Web Despacho',
        overdue: true,
      }),
    ]);
    expect((await drill('cases', 'measure=overdue')).map((r) => r.subject)).toEqual(['A1-1', 'Z3-1', 'Z1-1']);
    expect(await drill('cases', '')).toHaveLength(30);
    expect(await drill('cases', 'cellProcedure=anulacion&endState=no_anulada&measure=closed')).toHaveLength(
      24,
    );
    expect((await drill('cases', '', s.team.otherSupervisor)).map((r) => r.subject)).toEqual(['Z3-1']);
  });

  it('seed 003’s indicator per month: 95 % is observado, 96 % is aceptado', async () => {
    const indicator = await widget<IndicatorWidget>('indicator');
    expect(indicator.thresholdPercent).toBe(95);
    expect(indicator.periods).toEqual([
      {
        month: '2026-02',
        from: '2026-02-01',
        to: '2026-02-28',
        noAnuladas: 19,
        anuladas: 1,
        total: 20,
        percent: 95,
        verdict: 'observado',
      },
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-10',
        noAnuladas: 24,
        anuladas: 1,
        total: 25,
        percent: 96,
        verdict: 'aceptado',
      },
    ]);
    // 43 / 45 = 95.56 %: aceptado.
    expect(indicator.total).toEqual({
      noAnuladas: 43,
      anuladas: 2,
      total: 45,
      percent: 95.6,
      verdict: 'aceptado',
    });
    // A team's filter does not shape it (the back office's cases); a month without cases says so.
    expect((await widget<IndicatorWidget>('indicator', `${RANGE}&team=sup1`)).total.total).toBe(45);
    expect((await widget<IndicatorWidget>('indicator', RANGE, s.team.supervisor)).total.total).toBe(45);
    expect((await widget<IndicatorWidget>('indicator', 'from=2026-04-01&to=2026-04-30')).periods).toEqual([
      expect.objectContaining({ month: '2026-04', total: 0, percent: null, verdict: 'sin_datos' }),
    ]);
  });

  it('the indicator’s numbers drill down to the cases that ended in the month', async () => {
    const february = await drill('indicator', 'month=2026-02');
    expect(february).toHaveLength(20);
    expect(february.every((r) => r.procedure === 'anulacion' && r.state === 'cerrado')).toBe(true);
    const cancelled = await drill('indicator', 'month=2026-02&outcome=anulada');
    expect(cancelled).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^AN-\d{6}$/),
        subject: 'F-RE-1',
        stepOrEnd: 'Anulada y re-digitada',
        indicatorOutcome: 'anulada',
      }),
    ]);
    expect(await drill('indicator', 'month=2026-03&outcome=no_anulada')).toHaveLength(24);
    expect(await drill('indicator', '')).toHaveLength(45);
    const outside = await s.app.inject({
      method: 'GET',
      url: `/board/rows/indicator?${RANGE}&month=2026-04`,
      headers: auth(s.team.admin),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('fuera del rango');
  });

  it('an agent gets neither widget', async () => {
    for (const name of ['cases', 'indicator']) {
      const response = await s.app.inject({
        method: 'GET',
        url: `/board/widgets/${name}?${RANGE}`,
        headers: auth(s.team.agent),
      });
      expect(response.statusCode).toBe(403);
    }
  });
});

describeEachBackend('board live updates from cases', (backend) => {
  let s: Started;
  let base: string;
  beforeAll(async () => {
    s = await startApp(await backend.open());
    base = await s.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => s.close());

  it('a ZB form that opens a case, and a case moving on, each tell the open boards', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/board/events`, {
      headers: auth(s.team.supervisor),
      signal: controller.signal,
    });
    const stream = events(response.body!);
    expect((await stream.next()).value).toMatchObject({ event: 'ready' });
    /** The next `changed` event's sources. */
    const nextChange = async () => {
      const { value } = await stream.next();
      expect(value).toMatchObject({ event: 'changed' });
      return (value!.data as { sources: string[] }).sources;
    };
    const post = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [form('inactivo')] },
    });
    expect(post.json().results[0].status).toBe('accepted');
    expect((await nextChange()).sort()).toEqual(['cases', 'forms']);

    await s.db.query(`UPDATE cases SET assignee_id = (SELECT id FROM users WHERE username = 'sup1')`);
    expect(await nextChange()).toEqual(['cases']);
    controller.abort();
  });
});
