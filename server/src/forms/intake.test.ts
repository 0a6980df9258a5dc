import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { auth, count, drain, form, startApp, type Started } from '../../test/harness';
import { RecordingSmtp } from '../../test/smtp';

describeEachBackend('form intake', (backend) => {
  let s: Started;
  const smtp = new RecordingSmtp();

  beforeAll(async () => {
    s = await startApp(await backend.open());
    await smtp.start();
  });
  afterAll(async () => {
    await s.close();
    await smtp.stop();
  });

  const post = (forms: unknown[], token = s.team.agent) =>
    s.app.inject({ method: 'POST', url: '/forms/batch', headers: auth(token), payload: { forms } });

  it('stores a resent form once and sends its mail once', async () => {
    const f = form('telecobranzas');
    const first = await post([f]);
    expect(first.statusCode).toBe(200);
    expect(first.json().results).toEqual([{ id: f.id, status: 'accepted' }]);

    // The acknowledgement was "lost": the app sends the same form again, before and after the mail went.
    const again = await post([f]);
    expect(again.json().results).toEqual([{ id: f.id, status: 'duplicate' }]);
    await drain(s.db, smtp.url);
    expect((await post([f])).json().results[0].status).toBe('duplicate');
    await drain(s.db, smtp.url);

    expect(await count(s.db, 'SELECT 1 FROM forms WHERE id = $1', [f.id])).toBe(1);
    expect(await count(s.db, 'SELECT 1 FROM mail_outbox WHERE form_id = $1', [f.id])).toBe(1);
    const mails = smtp.mails.filter((m) => m.text.includes(f.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['telecobranzas@backoffice.example']);
  });

  it('a reused id with other data is a conflict, never a duplicate; duplicate is told only to the owner', async () => {
    const f = form('telecobranzas');
    expect((await post([f])).json().results[0].status).toBe('accepted');
    const changed = { ...f, values: { ...f.values, observations: 'Otra versión' } };
    const conflict = (await post([changed])).json().results[0];
    expect(conflict).toMatchObject({ id: f.id, status: 'rejected', code: 'conflict' });
    expect(conflict.reason).toMatch(/mismo identificador y datos distintos/);
    // Another agent resending the very same form is not told "duplicate" (it is not theirs).
    const other = (await post([f], s.team.otherAgent)).json().results[0];
    expect(other).toMatchObject({ status: 'rejected', code: 'conflict' });
    // The owner resending it exactly is a duplicate, as before; the first version is what is kept.
    expect((await post([f])).json().results[0].status).toBe('duplicate');
    const { rows } = await s.db.query<{ payload: { values: { observations: string } } }>(
      'SELECT payload FROM forms WHERE id = $1',
      [f.id],
    );
    expect(rows[0]!.payload.values.observations).toBe('');
    // In one batch too: the same id twice with different data.
    const g = form('certificacion');
    const both = await post([g, { ...g, customerName: 'Otro nombre' }]);
    expect(both.json().results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'accepted',
      'conflict',
    ]);
  });

  it('the same id twice in one batch is one form', async () => {
    const f = form('certificacion');
    const response = await post([f, f]);
    expect(response.json().results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'duplicate',
    ]);
    expect(await count(s.db, 'SELECT 1 FROM forms WHERE id = $1', [f.id])).toBe(1);
  });

  it('writes the mail in Spanish with customer, RUT, phones, form data and agent', async () => {
    await s.db.query(
      `INSERT INTO customers (codigo, data, version, import_id) VALUES ('777001', $1::jsonb, 1, 0)`,
      [
        JSON.stringify({
          codigo: '777001',
          rut: '12345678-5',
          nombre: 'Comercial Los Aromos',
          telefonos: ['+56226939901'],
          email: '',
          region: 'RM',
          comuna: 'Ñuñoa',
          calle: 'Irarrázaval',
          numero: '1234',
          bloqueos: ['ZB'],
          codigoBloqueado: false,
          codigoNuevo: null,
          pedidoAbierto: null,
          addressKey: 'nunoa 1234',
        }),
      ],
    );
    const f = form('inactivo', { customerCode: '777001', customerName: 'Comercial Los Aromos' });
    expect((await post([f])).statusCode).toBe(200);
    await drain(s.db, smtp.url);
    const mail = smtp.mails.find((m) => m.text.includes(f.id))!;
    expect(mail.to).toEqual(['supervisor.rrss@backoffice.example', 'jefe.servicio@backoffice.example']);
    expect(mail.subject).toContain('Cliente 777001 Comercial Los Aromos');
    expect(mail.subject).toContain('Bloqueo ZB');
    expect(mail.text).toContain('RUT: 12.345.678-5');
    expect(mail.text).toContain('+56912345678 / +56226939901');
    expect(mail.text).toContain('Dirección: Irarrázaval 1234, Ñuñoa, RM');
    expect(mail.text).toContain('Referencia de la dirección: Entre Los Aromos y Las Lilas');
    expect(mail.text).toContain('Agente: Ana Pérez (ana)');
    expect(mail.messageId).toBe(`<form-${f.id}.zb@test.companion>`);
    // Back to a back office without a directory, where any customer code is taken (the other tests).
    await s.db.query(`DELETE FROM customers WHERE codigo = '777001'`);
  });

  it('routes each block to its area, the supervisor form to the agent’s supervisor', async () => {
    const cases = [
      { f: form('telecobranzas', { blockCodes: ['2M', 'cñ'] }), to: ['telecobranzas@backoffice.example'] },
      { f: form('certificacion'), to: ['instalaciones@backoffice.example'] },
      { f: form('visitaInstalacion'), to: ['instalaciones@backoffice.example'] },
      { f: form('tanqueRetirado'), to: ['integridad.instalaciones@backoffice.example'] },
      { f: form('sinConsumo'), to: ['visitas@backoffice.example'] },
      {
        f: form('supervisor', { blockCodes: ['Z7'], supervisorReason: 'codigo-desconocido' }),
        to: ['sup1@test.cl'],
      },
    ];
    const response = await post(cases.map((c) => c.f));
    expect(response.json().accepted).toBe(cases.length);
    for (const c of cases) {
      const { rows } = await s.db.query<{ recipients: string[] }>(
        'SELECT recipients FROM mail_outbox WHERE form_id = $1',
        [c.f.id],
      );
      expect(
        rows.map((r) => r.recipients),
        c.f.formId,
      ).toEqual([c.to]);
    }
  });

  it('Z4 opens one post-sale ticket per customer and sends no mail by default', async () => {
    const first = form('ticketBloqueo', { customerCode: '555001' });
    const second = form('ticketBloqueo', { customerCode: '555001' });
    const a = (await post([first])).json().results[0];
    const b = (await post([second])).json().results[0];
    expect(a.status).toBe('accepted');
    expect(a.ticket).toMatchObject({
      customerCode: '555001',
      status: 'abierto',
      created: true,
      overdue: false,
      typology: { item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
    });
    expect(b.ticket).toMatchObject({ id: a.ticket.id, created: false, dueDate: a.ticket.dueDate });
    expect(await count(s.db, `SELECT 1 FROM tickets WHERE customer_code = '555001'`)).toBe(1);
    expect(await count(s.db, 'SELECT 1 FROM mail_outbox WHERE form_id = $1', [first.id])).toBe(0);
  });

  it('rejects a bad form with a reason the agent can read, storing nothing', async () => {
    const badRut = form('telecobranzas', { values: { ...form().values, rut: '12.345.678-9' } });
    const wrongType = { ...form(), customerCode: 12345 };
    const unknownField = { ...form(), color: 'rojo' };
    const unknownValue = form('certificacion', { values: { ...form('certificacion').values, apodo: 'x' } });
    const unknownBlock = form('telecobranzas', { blockCodes: ['Z7'] });
    const wrongForm = form('certificacion', { blockCodes: ['Z9'] });
    const z3 = form('certificacion', { blockCodes: ['Z3'] });
    const cases: Array<[unknown, RegExp]> = [
      [badRut, /RUT del titular: RUT inválido/],
      [wrongType, /Código de cliente: .*(string|texto)/i],
      [unknownField, /campos desconocidos: color/],
      [unknownValue, /apodo/],
      [unknownBlock, /Código de bloqueo desconocido «Z7»/],
      [wrongForm, /no corresponde al bloqueo Z9/],
      [z3, /Z3 .*no lleva formulario/],
      ['no soy un formulario', /Formulario: /],
    ];
    for (const [item, reason] of cases) {
      const response = await post([item]);
      expect(response.statusCode, JSON.stringify(item)).toBe(422);
      const [result] = response.json().results;
      expect(result.status).toBe('rejected');
      expect(result.reason).toMatch(reason);
    }
    expect(
      await count(s.db, 'SELECT 1 FROM forms WHERE id = ANY($1::uuid[])', [
        [badRut.id, unknownBlock.id, wrongForm.id],
      ]),
    ).toBe(0);
  });

  it('answers 207 with per-item results when only some forms are bad', async () => {
    const good = form('sinConsumo');
    const bad = form('sinConsumo', { values: { ...form('sinConsumo').values, contactPhone: '123' } });
    const response = await post([good, bad]);
    expect(response.statusCode).toBe(207);
    expect(response.json()).toMatchObject({ accepted: 1, rejected: 1, duplicate: 0 });
    expect(response.json().results[1].reason).toMatch(/Teléfono de contacto: Teléfono inválido/);
  });

  it('rejects a malformed envelope with 4xx, never 500', async () => {
    const send = (payload: string, contentType = 'application/json') =>
      s.app.inject({
        method: 'POST',
        url: '/forms/batch',
        headers: { ...auth(s.team.agent), 'content-type': contentType },
        payload,
      });
    const cases: Array<[string, number, string?]> = [
      [JSON.stringify({ forms: [] }), 400, 'vacío'],
      [JSON.stringify({ forms: 'x' }), 400],
      [JSON.stringify({ forms: [form()], extra: true }), 400],
      [JSON.stringify([form()]), 400],
      ['{"forms": [', 400, 'JSON mal formado'],
      [JSON.stringify({ forms: Array.from({ length: 501 }, () => ({})) }), 400, 'Máximo 500'],
      ['forms=1', 415],
    ];
    for (const [payload, status, text] of cases) {
      const response = await send(
        payload,
        status === 415 ? 'application/x-www-form-urlencoded' : 'application/json',
      );
      expect(response.statusCode, payload.slice(0, 60)).toBe(status);
      expect(response.json().message).toBeTruthy();
      if (text) expect(response.json().message).toContain(text);
    }
  });

  it('refuses a 10 MB body with 413', async () => {
    const big = form('telecobranzas');
    const payload = JSON.stringify({ forms: [big], padding: 'x'.repeat(10 * 1024 * 1024) });
    const response = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: { ...auth(s.team.agent), 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/tamaño máximo/);
    expect(await count(s.db, 'SELECT 1 FROM forms WHERE id = $1', [big.id])).toBe(0);
  });
});
