import { afterAll, beforeAll, expect, it } from 'vitest';
import { ZB_PROCEDURE } from '../../../shared/procedures';
import { backOffice, CaseDesk, insertCustomer, ok, type BackOfficeTokens } from '../../test/cases';
import { describeEachBackend } from '../../test/db';
import { auth, count, drain, form, startApp, type Started } from '../../test/harness';
import { RecordingSmtp, type ReceivedMail } from '../../test/smtp';

// Monday 9 March 2026, 10:00 in Santiago (UTC-3 in March).
const START = new Date('2026-03-09T10:00:00-03:00');

describeEachBackend('ZB protocol (seed 002) against the server', (backend) => {
  let s: Started;
  let tokens: BackOfficeTokens;
  let rrss: CaseDesk;
  let jefe: CaseDesk;
  let mesa: CaseDesk;
  let clock = START;
  const smtp = new RecordingSmtp();
  /** Every (step, action) some test took: the last test checks no branch was left out. */
  const taken = new Set<string>();

  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => clock });
    tokens = await backOffice(s.db, s.app);
    rrss = new CaseDesk(s.app, tokens.rrss);
    jefe = new CaseDesk(s.app, tokens.jefe);
    mesa = new CaseDesk(s.app, tokens.mesa);
    await smtp.start();
    await insertCustomer(s.db, { codigo: '500001', nombre: 'Comercial Ñuñoa', email: 'compras@nunoa.cl' });
    await insertCustomer(s.db, {
      codigo: '500002',
      nombre: 'Agrícola Biobío',
      region: 'Biobío',
      comuna: 'Los Ángeles',
    });
    await insertCustomer(s.db, { codigo: '500003', nombre: 'Panadería Talca', region: 'Maule', email: '' });
    await insertCustomer(s.db, { codigo: '500004', nombre: 'Kiosco Maipú', email: 'kiosco@correo.cl' });
    await insertCustomer(s.db, { codigo: '500005', nombre: 'Taller Valparaíso', region: 'Valparaíso' });
    // The back office takes forms only for customers its directory holds.
    for (const codigo of ['500007', '500008', '510001', '510002']) await insertCustomer(s.db, { codigo });
  });
  afterAll(async () => {
    await s.close();
    await smtp.stop();
  });

  /** An agent's ZB pop-up form, through the intake; returns the case it opened or joined. */
  async function zbForm(customerCode: string, token = s.team.agent, id?: string) {
    const f = form('inactivo', {
      customerCode,
      customerName: `Cliente ${customerCode}`,
      ...(id ? { id } : {}),
    });
    const response = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(token),
      payload: { forms: [f] },
    });
    expect(response.statusCode).toBe(200);
    return {
      form: f,
      result: response.json().results[0] as { status: string; case?: { id: number; created: boolean } },
    };
  }

  async function act(desk: CaseDesk, id: number, action: string, data: Record<string, string> = {}) {
    const before = await desk.get(id);
    const after = ok(await desk.act(id, action, data));
    taken.add(`${before.step}:${action}`);
    return after;
  }

  async function mailsOf(caseId: number): Promise<ReceivedMail[]> {
    await drain(s.db, smtp.url);
    return smtp.mails
      .filter((mail) => mail.messageId.startsWith(`<case-${caseId}.`))
      .map((mail) => ({ ...mail, text: mail.text.replace(/\r\n/g, '\n') }));
  }

  const visit = {
    visitDate: '2026-03-11',
    placeReference: 'Portón verde',
    phone1: '912345678',
    phone2: '226939901',
    avisoNumber: 'EME-2001',
  };

  it('a ZB form opens a case at step 1 with the form data, and a repeat form joins it', async () => {
    const first = await zbForm('500001');
    expect(first.result).toMatchObject({ status: 'accepted', case: { created: true } });
    const caseId = first.result.case!.id;
    const again = await zbForm('500001', s.team.otherAgent);
    expect(again.result.case).toEqual({ id: caseId, created: false });
    // A resent form adds nothing.
    const resent = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [first.form] },
    });
    expect(resent.json().results[0].status).toBe('duplicate');

    const detail = await rrss.get(caseId);
    expect(detail).toMatchObject({
      number: `ZB-${String(caseId).padStart(6, '0')}`,
      procedure: 'zb',
      subject: '500001',
      customerName: 'Comercial Ñuñoa',
      step: 'verificar_aviso',
      regional: false,
      dueAt: new Date('2026-03-10T10:00:00-03:00').toISOString(),
      actions: ['aviso_con_visita', 'aviso_sin_visita', 'sin_aviso'],
    });
    expect(detail.data).toMatchObject({
      contactPhone: '912345678',
      addressReference: 'Entre Los Aromos y Las Lilas',
      customerEmail: 'compras@nunoa.cl',
    });
    expect(detail.forms.map((f) => f.id)).toEqual([first.form.id, again.form.id]);
    expect(detail.events.map((e) => [e.kind, e.actor])).toEqual([
      ['opened', 'Ana Pérez'],
      ['form', 'Beto Soto'],
    ]);
    expect(await count(s.db, `SELECT 1 FROM cases WHERE subject = '500001'`)).toBe(1);
  });

  it('two agents’ forms for one customer at the same moment make one case', async () => {
    const [a, b] = await Promise.all([zbForm('500004'), zbForm('500004', s.team.otherAgent)]);
    expect(a.result.case!.id).toBe(b.result.case!.id);
    expect([a.result.case!.created, b.result.case!.created].sort()).toEqual([false, true]);
    expect((await rrss.get(a.result.case!.id)).forms).toHaveLength(2);
  });

  it('one batch with several ZB forms: one case per customer, the same customer’s forms on one case', async () => {
    const forms = ['510001', '510002', '510001', '500001'].map((customerCode) =>
      form('inactivo', { customerCode, customerName: `Cliente ${customerCode}` }),
    );
    forms[2]!.values.altPhone = '226000000';
    const response = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms },
    });
    const results = response.json().results as Array<{ case: { id: number; created: boolean } }>;
    expect(results.map((r) => r.case.created)).toEqual([true, true, false, false]);
    expect(results[2]!.case.id).toBe(results[0]!.case.id);
    const joined = await rrss.get(results[0]!.case.id);
    expect(joined.forms.map((f) => f.id)).toEqual([forms[0]!.id, forms[2]!.id]);
    expect(joined.events.map((e) => e.kind)).toEqual(['opened', 'form']);
    // The later form's values refresh what the steps prefill.
    expect(joined.data.altPhone).toBe('226000000');
    // 500001 already had an open case: the form joined it.
    expect((await rrss.get(results[3]!.case.id)).subject).toBe('500001');
  });

  it('notice with the visit → monitoring (updates, overdue, C.C. Emergencia) → fit → Mesa de Clientes unblocks', async () => {
    clock = START;
    const caseId = (await zbForm('500004')).result.case!.id;
    let detail = await act(rrss, caseId, 'aviso_con_visita', { avisoNumber: 'EME-1001' });
    expect(detail).toMatchObject({ step: 'monitorear_aviso', data: { avisoNumber: 'EME-1001' } });
    // Santiago customer: no regional backup mail.
    expect(await mailsOf(caseId)).toEqual([]);

    // 3 business days of working time: due Thursday 10:00. Not overdue a minute before.
    expect(detail.dueAt).toBe(new Date('2026-03-12T10:00:00-03:00').toISOString());
    clock = new Date('2026-03-12T09:59:00-03:00');
    expect((await rrss.get(caseId)).overdue).toBe(false);
    clock = new Date('2026-03-12T10:01:00-03:00');
    expect((await rrss.get(caseId)).overdue).toBe(true);
    const overdueList = await rrss.list('?procedure=zb&overdue=true');
    expect(overdueList.cases.map((c) => c.id)).toContain(caseId);
    expect(overdueList.counts.overdue).toBeGreaterThanOrEqual(1);

    // The prepared mail to C.C. Emergencia.
    detail = await act(jefe, caseId, 'consultar_cc_emergencia', { question: '¿Hay técnico asignado?' });
    expect(detail.step).toBe('monitorear_aviso');
    const [consulta] = await mailsOf(caseId);
    expect(consulta!.to).toEqual(['cc_emergencia@test.cl', 'contact_center@test.cl']);
    expect(consulta!.cc).toEqual(['contact_center@test.cl']);
    expect(consulta!.subject).toBe(
      'Consulta aviso EME EME-1001 sin actualización — Cliente 500004 con bloqueo ZB',
    );
    expect(consulta!.text).toContain('¿Hay técnico asignado?');
    // Consulting restarts the wait.
    expect((await rrss.get(caseId)).overdue).toBe(false);

    clock = new Date('2026-03-13T11:00:00-03:00');
    detail = await act(rrss, caseId, 'actualizacion', { updateNote: 'Técnico asignado para el lunes' });
    expect(detail.dueAt).toBe(new Date('2026-03-18T11:00:00-03:00').toISOString());

    detail = await act(rrss, caseId, 'cerrado_apto', {
      avisoNumber: 'EME-1001',
      closureData: 'Cierre 16/03: instalación inspeccionada, sin fugas, apta para abastecer.',
    });
    expect(detail.step).toBe('desbloqueo_mesa');
    const desbloqueo = (await mailsOf(caseId)).find((m) => m.subject.startsWith('Desbloqueo'))!;
    expect(desbloqueo.subject).toBe('Desbloqueo Cliente 500004 con bloqueo ZB');
    expect(desbloqueo.to.sort()).toEqual([
      'contact_center@test.cl',
      'mesa_clientes@test.cl',
      'supervisores_abastible@test.cl',
    ]);
    expect(desbloqueo.cc).toEqual(['contact_center@test.cl', 'supervisores_abastible@test.cl']);
    expect(desbloqueo.text).toContain('el cliente fue visitado y la instalación se encuentra OK');
    expect(desbloqueo.text).toContain(
      'Aviso EME N° EME-1001\nCierre 16/03: instalación inspeccionada, sin fugas, apta para abastecer.',
    );

    // RRSS cannot act for Mesa de Clientes; Mesa sends it back once, then unblocks.
    expect((await rrss.get(caseId)).actions).toEqual([]);
    expect((await rrss.act(caseId, 'desbloqueado')).status).toBe(403);
    detail = await act(mesa, caseId, 'falta_informacion', {
      missingInfo: 'Falta la fecha del cierre del aviso',
    });
    expect(detail.step).toBe('monitorear_aviso');
    await act(rrss, caseId, 'cerrado_apto', {
      avisoNumber: 'EME-1001',
      closureData: 'Cerrado el 16/03/2026 09:40.',
    });
    detail = await act(mesa, caseId, 'desbloqueado', { unblockNote: 'Desbloqueado en SAP' });
    expect(detail).toMatchObject({ step: null, endState: 'desbloqueado', actions: [] });
    expect(detail.closedAt).not.toBeNull();
    expect((await mailsOf(caseId)).filter((m) => m.subject.startsWith('Desbloqueo'))).toHaveLength(2);

    // The history says who did what, from which step, when.
    const transitions = detail.events.filter((e) => e.kind === 'transition');
    expect(transitions.map((e) => [e.fromStep, e.action, e.toStep ?? e.endState, e.actor])).toEqual([
      ['verificar_aviso', 'aviso_con_visita', 'monitorear_aviso', 'Rosa RRSS'],
      ['monitorear_aviso', 'consultar_cc_emergencia', 'monitorear_aviso', 'Jaime Jefe'],
      ['monitorear_aviso', 'actualizacion', 'monitorear_aviso', 'Rosa RRSS'],
      ['monitorear_aviso', 'cerrado_apto', 'desbloqueo_mesa', 'Rosa RRSS'],
      ['desbloqueo_mesa', 'falta_informacion', 'monitorear_aviso', 'Marta Mesa'],
      ['monitorear_aviso', 'cerrado_apto', 'desbloqueo_mesa', 'Rosa RRSS'],
      ['desbloqueo_mesa', 'desbloqueado', 'desbloqueado', 'Marta Mesa'],
    ]);
    expect(transitions[2]!.at).toBe(new Date('2026-03-13T11:00:00-03:00').toISOString());
    expect(transitions[2]!.data).toEqual({ updateNote: 'Técnico asignado para el lunes' });

    // Ended: a new ZB form opens a new case.
    const next = await zbForm('500004');
    expect(next.result.case!.created).toBe(true);
    expect(next.result.case!.id).not.toBe(caseId);
  });

  it('the agent is told where the customer’s cases are (and nothing else of them)', async () => {
    const response = await s.app.inject({
      method: 'GET',
      url: '/customers/500004/cases',
      headers: auth(s.team.otherAgent),
    });
    expect(response.statusCode).toBe(200);
    const { cases } = response.json() as { cases: Array<Record<string, unknown>> };
    // The new case the last form opened, then the one Mesa de Clientes unblocked.
    expect(cases.map((c) => [c.open, c.stage])).toEqual([
      [true, 'Verificar el aviso EME en la Web Despacho'],
      [false, 'Desbloqueado'],
    ]);
    expect(cases[1]).toMatchObject({
      procedure: 'zb',
      procedureTitle: 'Protocolo de bloqueos ZB',
      avisoNumber: 'EME-1001',
    });
    expect(Object.keys(cases[1]!).sort()).toEqual(
      [
        'avisoNumber',
        'closedAt',
        'number',
        'open',
        'openedAt',
        'procedure',
        'procedureTitle',
        'stage',
        'updatedAt',
        'visitDate',
      ].sort(),
    );
  });

  it('regional customer: no notice → visit coordinated with two numbers → backup mail to Despacho Emergencia → not fit', async () => {
    clock = START;
    const caseId = (await zbForm('500002')).result.case!.id;
    expect((await rrss.get(caseId)).regional).toBe(true);
    await act(rrss, caseId, 'sin_aviso');
    let detail = await act(rrss, caseId, 'visita_coordinada', visit);
    expect(detail.step).toBe('monitorear_aviso');
    const [respaldo] = await mailsOf(caseId);
    expect(respaldo!.subject).toBe('Respaldo aviso EME EME-2001 — Cliente 500002 con bloqueo ZB (regiones)');
    expect(respaldo!.cc).toEqual([
      'contact_center@test.cl',
      'cc_emergencia@test.cl',
      'supervisores_abastible@test.cl',
    ]);
    expect(respaldo!.to).toContain('despacho_emergencia@test.cl');
    expect(respaldo!.text).toContain('Visita: 2026-03-11');
    expect(respaldo!.text).toContain('Teléfonos de contacto: 912345678 / 226939901');

    detail = await act(jefe, caseId, 'cerrado_no_apto', {
      closureState: 'Regulador fuera de norma',
      decidedBy: 'Jefe de Servicio zona sur',
    });
    expect(detail).toMatchObject({
      step: null,
      endState: 'no_apto',
      data: { decidedBy: 'Jefe de Servicio zona sur' },
    });
    expect(await mailsOf(caseId)).toHaveLength(1);
  });

  it('regional customer whose notice already holds the visit: the backup mail goes at once', async () => {
    clock = START;
    const caseId = (await zbForm('500005')).result.case!.id;
    await act(rrss, caseId, 'aviso_con_visita', { avisoNumber: 'EME-3001' });
    expect((await mailsOf(caseId)).map((m) => m.subject)).toEqual([
      'Respaldo aviso EME EME-3001 — Cliente 500005 con bloqueo ZB (regiones)',
    ]);
  });

  it('no contact: the customer gets the backup mail, and the case ends without unblocking', async () => {
    const caseId = (await zbForm('500001')).result.case!.id;
    await act(rrss, caseId, 'aviso_sin_visita', { avisoNumber: 'EME-4001' });
    const detail = await act(rrss, caseId, 'sin_contacto', {
      contactAttempts: '09/03 11:00 al 912345678 y 11:30 al 226939901, sin respuesta',
      customerEmail: 'compras@nunoa.cl',
    });
    expect(detail).toMatchObject({ step: null, endState: 'sin_gestion' });
    const [backup] = await mailsOf(caseId);
    expect(backup!.to).toEqual(['compras@nunoa.cl', 'contact_center@test.cl']);
    expect(backup!.text).toContain('09/03 11:00 al 912345678 y 11:30 al 226939901, sin respuesta');
  });

  it('no contact and no e-mail: no backup mail, and the case says why', async () => {
    const caseId = (await zbForm('500003')).result.case!.id;
    await act(rrss, caseId, 'sin_aviso');
    const detail = await act(rrss, caseId, 'sin_contacto', {
      contactAttempts: 'Tres llamadas sin respuesta',
      customerEmail: '',
    });
    expect(detail.endState).toBe('sin_gestion');
    expect(detail.events.at(-1)!.notes).toEqual(['El cliente no tiene correo: no se envió el respaldo.']);
    expect(await mailsOf(caseId)).toEqual([]);
  });

  it('refuses what the procedure does not allow, in Spanish, and changes nothing', async () => {
    const caseId = (await zbForm('500002')).result.case!.id;
    const before = await rrss.get(caseId);
    const wrongStep = await rrss.act(caseId, 'cerrado_apto', { avisoNumber: 'X', closureData: 'x' });
    expect(wrongStep.status).toBe(422);
    expect(wrongStep.body.message).toMatch(
      /^«Aviso cerrado: instalación apta» corresponde al paso «Monitorear el aviso», y el caso está en «Verificar el aviso EME en la Web Despacho»\./,
    );
    const unknown = await rrss.act(caseId, 'saltar_al_final');
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toContain('no existe en el procedimiento «Protocolo de bloqueos ZB»');
    await act(rrss, caseId, 'sin_aviso');
    const invalid = await rrss.act(caseId, 'visita_coordinada', {
      ...visit,
      phone2: '+56 9 1234 5678',
      visitDate: '2026-03-01',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.fieldErrors).toEqual({
      visitDate: 'La fecha no puede ser anterior a hoy.',
      phone2: 'Los dos teléfonos de contacto deben ser distintos.',
    });
    const after = await rrss.get(caseId);
    expect(after.step).toBe('coordinar_visita');
    expect(after.version).toBe(before.version + 1);
  });

  it('two users acting on one step at once: one wins, the other is told who did what', async () => {
    const caseId = (await zbForm('500003')).result.case!.id;
    const { version } = await rrss.get(caseId);
    const [a, b] = await Promise.all([
      rrss.act(caseId, 'sin_aviso', {}, { version }),
      jefe.act(caseId, 'aviso_con_visita', { avisoNumber: 'EME-9' }, { version }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 409 ? b : a;
    expect(loser.body.message).toMatch(
      /^Otro usuario actuó en este caso mientras usted lo veía\. (Rosa RRSS registró «No hay aviso: llamar al cliente»|Jaime Jefe registró «El aviso existe y tiene la visita coordinada») a las \d{1,2}:\d{2}\. Revise el caso actualizado antes de continuar\.$/,
    );
    const detail = await rrss.get(caseId);
    expect(detail.step).toBe(winner.body.case!.step);
    expect(detail.events.filter((e) => e.kind === 'transition')).toHaveLength(1);
  });

  it('a resent action (same client id) is answered as done and happens once', async () => {
    await insertCustomer(s.db, { codigo: '500006', region: 'Atacama' });
    const caseId = (await zbForm('500006')).result.case!.id;
    const { version } = await rrss.get(caseId);
    const clientId = crypto.randomUUID();
    const first = await rrss.act(
      caseId,
      'aviso_con_visita',
      { avisoNumber: 'EME-77' },
      { version, clientId },
    );
    const again = await rrss.act(
      caseId,
      'aviso_con_visita',
      { avisoNumber: 'EME-77' },
      { version, clientId },
    );
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.duplicate).toBe(true);
    const other = await rrss.act(
      caseId,
      'aviso_sin_visita',
      { avisoNumber: 'EME-77' },
      { version, clientId },
    );
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('Ese identificador de acción ya se usó para otra acción');
    expect((await mailsOf(caseId)).filter((m) => m.subject.startsWith('Respaldo'))).toHaveLength(1);
  });

  it('agents get 403 on every case route; a contact-center supervisor reads but does not act', async () => {
    const caseId = (await zbForm('500007')).result.case!.id;
    for (const [method, url] of [
      ['GET', '/cases'],
      ['GET', `/cases/${caseId}`],
      ['GET', '/cases/indicator'],
      ['POST', `/cases/${caseId}/events`],
      ['POST', '/cases'],
    ] as const) {
      const response = await s.app.inject({
        method,
        url,
        headers: auth(s.team.agent),
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().message).toBe('Su perfil no tiene permiso para esta operación.');
    }
    const supervisor = new CaseDesk(s.app, s.team.supervisor);
    expect((await supervisor.get(caseId)).actions).toEqual([]);
    expect((await supervisor.act(caseId, 'sin_aviso')).status).toBe(403);
  });

  it('took every branch of the ZB protocol', () => {
    const all = Object.values(ZB_PROCEDURE.steps).flatMap((step) =>
      step.actions.map((a) => `${step.id}:${a.id}`),
    );
    expect([...taken].sort()).toEqual(expect.arrayContaining(all));
    expect(all.filter((branch) => !taken.has(branch))).toEqual([]);
  });

  it('publishes one case_facts row per case with its step, times and overdue flag', async () => {
    clock = START;
    const fresh = (await zbForm('500008')).result.case!.id;
    await zbForm('500008', s.team.otherAgent);
    const { rows } = await s.db.query<Record<string, unknown>>(
      `SELECT case_id, procedure, state, current_step, current_step_title, current_roles, end_state, end_state_label,
              form_count, transitions, opened_at, due_at, overdue
         FROM case_facts WHERE procedure = 'zb' ORDER BY case_id`,
    );
    expect(rows.length).toBe(await count(s.db, `SELECT 1 FROM cases WHERE procedure = 'zb'`));
    expect(rows.find((r) => r.case_id === fresh)).toMatchObject({
      state: 'abierto',
      current_step: 'verificar_aviso',
      current_step_title: 'Verificar el aviso EME en la Web Despacho',
      current_roles: ['supervisor_rrss', 'jefe_servicio'],
      end_state: null,
      form_count: 2,
      transitions: 0,
      opened_at: START,
      due_at: new Date('2026-03-10T10:00:00-03:00'),
      // The view compares with the database's clock: March 2026 is long past.
      overdue: true,
    });
    expect(rows.find((r) => r.end_state === 'desbloqueado')).toMatchObject({
      state: 'cerrado',
      end_state_label: 'Desbloqueado',
      current_step: null,
      overdue: false,
    });
  });
});
