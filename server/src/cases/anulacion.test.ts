import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANULACION_PROCEDURE } from '../../../shared/procedures';
import { backOffice, CaseDesk, insertCustomer, ok, type BackOfficeTokens } from '../../test/cases';
import { describeEachBackend } from '../../test/db';
import { auth, startApp, type Started } from '../../test/harness';

// Tuesday 10 March 2026, 09:30 in Santiago.
const START = new Date('2026-03-10T09:30:00-03:00');

describeEachBackend('anulación avoidance (seed 003, COM-DSC-P10) against the server', (backend) => {
  let s: Started;
  let tokens: BackOfficeTokens;
  let desks: Record<'red' | 'coc' | 'coz' | 'asesora' | 'rrss', CaseDesk>;
  let clock = START;
  let request = 0;
  const taken = new Set<string>();

  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => clock });
    tokens = await backOffice(s.db, s.app);
    desks = {
      red: new CaseDesk(s.app, tokens.red),
      coc: new CaseDesk(s.app, tokens.coc),
      coz: new CaseDesk(s.app, tokens.coz),
      asesora: new CaseDesk(s.app, tokens.asesora),
      rrss: new CaseDesk(s.app, tokens.rrss),
    };
    await insertCustomer(s.db, { codigo: '700001', nombre: 'Condominio Los Robles', region: 'Biobío' });
  });
  afterAll(async () => {
    await s.close();
  });

  function opening(extra: Record<string, string> = {}) {
    request += 1;
    return {
      requestNumber: `SOL-${1000 + request}`,
      workOrder: `OT-${5000 + request}`,
      requestType: 'instalacion',
      customerCode: '700001',
      customerName: '',
      observation: 'Calle mal digitada: «Los Robles» es «Las Robles»',
      seller: 'Pedro Vendedor',
      advisor: 'Asesora Ana',
      ...extra,
    };
  }

  async function open(desk: CaseDesk, how: string, extra: Record<string, string> = {}): Promise<number> {
    const detail = ok(await desk.open('anulacion', how, opening(extra)));
    taken.add(`open:${how}`);
    return detail.id;
  }

  async function act(desk: CaseDesk, id: number, action: string, data: Record<string, string> = {}) {
    const before = await desk.get(id);
    const after = ok(await desk.act(id, action, data));
    taken.add(`${before.step}:${action}`);
    return after;
  }

  const si = (n: string) => ({
    siNumber: `SI-${n}`,
    siGroup: 'monitoras_plataforma',
    correction: 'Corregir calle a «Las Robles»',
  });

  it('Gestión de Red finds it, the asesora corrects it in the day, the board shows it fixed: no anulada', async () => {
    clock = START;
    const id = await open(desks.red, 'detectada_gestion_red');
    let detail = await desks.red.get(id);
    expect(detail).toMatchObject({
      procedure: 'anulacion',
      subject: 'SOL-1001',
      customerName: 'Condominio Los Robles',
      step: 'reportar_si',
      // "en el día": closing time today.
      dueAt: new Date('2026-03-10T18:00:00-03:00').toISOString(),
    });
    detail = await act(desks.red, id, 'solucion_encontrada', si('1'));
    expect(detail.step).toBe('corregir_solicitud');
    expect(detail.dueAt).toBe(new Date('2026-03-10T18:00:00-03:00').toISOString());
    detail = await act(desks.asesora, id, 'modificacion_digitada', {
      correctionNote: 'Digitado en observación',
    });
    expect(detail.step).toBe('verificar_tablero');
    detail = await act(desks.red, id, 'asignada_instalacion');
    expect(detail).toMatchObject({ step: null, endState: 'no_anulada' });
  });

  it('no solution: the board shows it not fixed, the work order is cancelled', async () => {
    const id = await open(desks.red, 'detectada_gestion_red');
    await act(desks.red, id, 'sin_solucion', { siNumber: 'SI-2', note: 'Abonado no contesta' });
    const detail = await act(desks.red, id, 'anular', { reason: 'Sin referencia de dirección' });
    expect(detail.endState).toBe('anulada');
  });

  it('not corrected in the day: Gestión de Red takes it back; the order was executed → zonificación → Facturación', async () => {
    clock = new Date('2026-03-10T11:00:00-03:00');
    const id = await open(desks.red, 'detectada_gestion_red');
    await act(desks.red, id, 'solucion_encontrada', si('3'));
    // The asesora did not attend it in the day: overdue after 18:00.
    clock = new Date('2026-03-10T18:05:00-03:00');
    expect((await desks.red.get(id)).overdue).toBe(true);
    expect((await desks.red.get(id)).actions).toEqual(['no_atendido_en_el_dia']);
    await act(desks.red, id, 'no_atendido_en_el_dia', { note: 'Sin respuesta de la asesora' });
    let detail = await act(desks.red, id, 'requiere_zonificacion');
    expect(detail.step).toBe('zonificacion');
    // Before month end: the last business day of March 2026 is Tuesday 31, 18:00.
    expect(detail.dueAt).toBe(new Date('2026-03-31T18:00:00-03:00').toISOString());
    detail = await act(desks.red, id, 'impedimento', {
      impediment: 'OT sin cierre del Centro de Operaciones',
      siNumber: 'SI-31',
    });
    expect(detail.dueAt).toBe(new Date('2026-03-31T18:00:00-03:00').toISOString());
    clock = new Date('2026-03-20T12:00:00-03:00');
    detail = await act(desks.red, id, 'zonificacion_digitada', {
      zoning: 'Zona 4, sector Los Robles, calle Las Robles 123',
    });
    expect(detail.endState).toBe('zonificada');

    const xlsx = await s.app.inject({
      method: 'GET',
      url: '/cases/zonificacion.xlsx?month=2026-03',
      headers: auth(tokens.red),
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="zonificacion-2026-03.xlsx"');
    const sheet = await readSheet(xlsx.rawPayload);
    expect(sheet[0]).toEqual([
      'Caso',
      'Solicitud',
      'Orden de trabajo',
      'Código cliente',
      'Cliente',
      'Zonificación digitada',
      'Observación original',
      'Digitada',
      'Digitada por',
    ]);
    expect(sheet.slice(1)).toEqual([
      [
        `AN-${String(id).padStart(6, '0')}`,
        detail.subject,
        detail.data.workOrder,
        '700001',
        'Condominio Los Robles',
        'Zona 4, sector Los Robles, calle Las Robles 123',
        'Calle mal digitada: «Los Robles» es «Las Robles»',
        '2026-03-20 12:00',
        'Rita Red',
      ],
    ]);
    // Another month has none; only Gestión de Red (and admins) send it.
    const april = await s.app.inject({
      method: 'GET',
      url: '/cases/zonificacion.xlsx?month=2026-04',
      headers: auth(tokens.red),
    });
    expect((await readSheet(april.rawPayload)).length).toBe(1);
    const coc = await s.app.inject({
      method: 'GET',
      url: '/cases/zonificacion.xlsx?month=2026-03',
      headers: auth(tokens.coc),
    });
    expect(coc.statusCode).toBe(403);
  });

  it('Centro de Operaciones Comercial: subsanable → SI → correction → board', async () => {
    clock = START;
    const id = await open(desks.coc, 'detectada_operaciones');
    expect((await desks.coc.get(id)).step).toBe('analizar_observacion');
    await act(desks.coc, id, 'subsanable', si('5'));
    await act(desks.asesora, id, 'modificacion_digitada');
    const detail = await act(desks.red, id, 'asignada_instalacion');
    expect(detail.endState).toBe('no_anulada');
  });

  it('not subsanable but fixable by re-typing: cancelled and re-typed within 2 working hours', async () => {
    clock = new Date('2026-03-10T17:00:00-03:00');
    const id = await open(desks.coc, 'detectada_operaciones');
    await act(desks.coc, id, 'no_subsanable');
    let detail = await act(desks.coc, id, 'pedir_redigitacion', {
      siNumber: 'SI-6',
      correction: 'Re-digitar con comuna Hualpén',
    });
    expect(detail.step).toBe('redigitar');
    // 17:00 + 2 working hours: 1 h today, 1 h from 09:00 tomorrow.
    expect(detail.dueAt).toBe(new Date('2026-03-11T10:00:00-03:00').toISOString());
    detail = await act(desks.asesora, id, 'solicitud_redigitada', { newRequestNumber: 'SOL-9001' });
    expect(detail).toMatchObject({ endState: 'redigitada', data: { newRequestNumber: 'SOL-9001' } });
  });

  it('not subsanable at all: the cancellation is coordinated with the zonal centre', async () => {
    clock = START;
    const id = await open(desks.coc, 'detectada_operaciones');
    await act(desks.coc, id, 'no_subsanable');
    const detail = await act(desks.coc, id, 'coordinar_anulacion', {
      zonalContact: 'C.O. Zonal Concepción',
      reason: 'Dirección inexistente',
    });
    expect(detail.endState).toBe('anulada');
  });

  it('reported by the técnico: the zonal centre routes it to Operaciones Comercial, which fixes it or ratifies the cancellation', async () => {
    const tecnico = { technician: 'Luis Técnico', technicianAssessment: 'subsanable_otro_sector' };
    const fixed = await open(desks.coz, 'reportada_tecnico', tecnico);
    expect((await desks.coz.get(fixed)).step).toBe('verificar_ot_zonal');
    await act(desks.coz, fixed, 'direccionada_operaciones');
    expect((await act(desks.coc, fixed, 'subsanada')).endState).toBe('no_anulada');

    const cancelled = await open(desks.coc, 'reportada_tecnico', {
      ...tecnico,
      technicianAssessment: 'de_fondo',
    });
    await act(desks.coz, cancelled, 'direccionada_operaciones', { note: 'Equipo no corresponde' });
    expect(
      (await act(desks.coc, cancelled, 'ratificar_anulacion', { reason: 'Cliente desiste' })).endState,
    ).toBe('anulada');
  });

  it('one open case per request; a resent opening is the same case; only the detecting area opens its kind', async () => {
    const data = opening();
    const clientId = crypto.randomUUID();
    const first = await desks.red.open('anulacion', 'detectada_gestion_red', data, clientId);
    const again = await desks.red.open('anulacion', 'detectada_gestion_red', data, clientId);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.case!.id).toBe(first.body.case!.id);
    const second = await desks.red.open('anulacion', 'detectada_gestion_red', data);
    expect(second.status).toBe(409);
    expect(second.body.message).toBe(
      `Ya hay un caso abierto de solicitud ${data.requestNumber}: AN-${String(first.body.case!.id).padStart(6, '0')}.`,
    );
    const wrongArea = await desks.rrss.open('anulacion', 'detectada_gestion_red', opening());
    expect(wrongArea.status).toBe(403);
    expect(wrongArea.body.message).toBe('Abre este caso: Depto. Gestión de Red.');
    const invalid = await desks.red.open('anulacion', 'detectada_gestion_red', {
      ...opening(),
      requestType: 'otra',
      seller: '',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.fieldErrors).toEqual({
      requestType: 'Elija una de las opciones.',
      seller: 'Este dato es obligatorio.',
    });
  });

  it('the queue shows each role the cases waiting for it', async () => {
    const queue = await desks.asesora.list('?queue=true');
    expect(queue.cases.every((c) => ['corregir_solicitud', 'redigitar'].includes(c.step!))).toBe(true);
    const red = await desks.red.list('?procedure=anulacion&queue=true');
    expect(red.cases.map((c) => c.step)).toContain('reportar_si');
    expect(red.counts.queue).toBe(red.cases.length);
  });

  it('took every branch and every opening of the procedure', () => {
    const all = [
      ...ANULACION_PROCEDURE.openings.map((o) => `open:${o.id}`),
      ...Object.values(ANULACION_PROCEDURE.steps).flatMap((step) =>
        step.actions.map((a) => `${step.id}:${a.id}`),
      ),
    ];
    expect(all.filter((branch) => !taken.has(branch))).toEqual([]);
  });

  it('the indicator: 95 % is observado, 96 % is aceptado (cases closed in the period)', async () => {
    // February 2026 holds only these: 19 not cancelled + 1 cancelled = 95 %.
    const insertClosed = (endState: string, n: number, day: string) =>
      s.db.query(
        `INSERT INTO cases (procedure, subject, opening, step, end_state, opened_at, step_entered_at, closed_at, updated_at)
         SELECT 'anulacion', 'IND-' || $1 || '-' || g, 'detectada_gestion_red', NULL, $1, $2::timestamptz, $2::timestamptz, $2::timestamptz, $2::timestamptz
           FROM generate_series(1, $3) g`,
        [endState, `${day}T12:00:00-03:00`, n],
      );
    await insertClosed('no_anulada', 12, '2026-02-03');
    await insertClosed('zonificada', 7, '2026-02-27');
    await insertClosed('redigitada', 1, '2026-02-10');
    const indicator = async (query: string) =>
      (
        await s.app.inject({ method: 'GET', url: `/cases/indicator${query}`, headers: auth(tokens.coc) })
      ).json();
    expect(await indicator('?from=2026-02-01&to=2026-02-28')).toMatchObject({
      noAnuladas: 19,
      anuladas: 1,
      total: 20,
      percent: 95,
      verdict: 'observado',
    });
    await insertClosed('no_anulada', 5, '2026-02-28');
    expect(await indicator('?from=2026-02-01&to=2026-02-28')).toMatchObject({
      noAnuladas: 24,
      anuladas: 1,
      percent: 96,
      verdict: 'aceptado',
    });
    // The last day counts whole; a day later is outside.
    expect((await indicator('?from=2026-02-01&to=2026-02-27')).total).toBe(20);
    expect((await indicator('?from=2026-03-01&to=2026-03-01')).verdict).toBe('sin_datos');
    const bad = await s.app.inject({
      method: 'GET',
      url: '/cases/indicator?from=2026-02-30',
      headers: auth(tokens.coc),
    });
    expect(bad.statusCode).toBe(400);
  });
});
