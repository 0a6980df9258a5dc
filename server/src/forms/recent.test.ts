import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { auth, count, form, startApp, type Started } from '../../test/harness';

describeEachBackend('recent cases of a customer (duplicate guard) and notes', (backend) => {
  let s: Started;
  // The server's clock: forms written "now" are recent, the ones of yesterday are not.
  const now = new Date('2026-11-26T16:00:00.000Z');

  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => now });
  });
  afterAll(async () => {
    await s.close();
  });

  const post = (forms: unknown[], token = s.team.agent) =>
    s.app.inject({ method: 'POST', url: '/forms/batch', headers: auth(token), payload: { forms } });
  const recent = (customerCode: string, token = s.team.otherAgent, hours?: number) =>
    s.app.inject({
      method: 'GET',
      url: `/forms/recent?customerCode=${customerCode}${hours ? `&hours=${hours}` : ''}`,
      headers: auth(token),
    });

  it('shows any agent the cases of the last hours of a customer, whoever took them', async () => {
    const taken = form('telecobranzas', { customerCode: '880001', createdAt: '2026-11-26T12:50:00-03:00' });
    const old = form('certificacion', { customerCode: '880001', createdAt: '2026-11-25T08:00:00-03:00' });
    const other = form('telecobranzas', { customerCode: '880002', createdAt: '2026-11-26T12:55:00-03:00' });
    expect((await post([taken, old, other])).statusCode).toBe(200);

    // Beto (another team) sees what Ana took, with her name, but not the data she typed.
    const response = await recent('880001');
    expect(response.statusCode).toBe(200);
    const forms = response.json().forms;
    expect(forms).toEqual([
      expect.objectContaining({
        id: taken.id,
        formId: 'telecobranzas',
        title: 'Toma de datos para Telecobranzas',
        blockCodes: ['Z1'],
        agentName: 'Ana Pérez',
        createdAt: '2026-11-26T15:50:00.000Z',
        mail: { status: 'pending', sentAt: null },
        ticket: null,
      }),
    ]);
    expect(JSON.stringify(forms)).not.toContain('María González');
    // A wider window finds yesterday's too.
    expect((await recent('880001', s.team.otherAgent, 48)).json().forms).toHaveLength(2);
  });

  it('names the ticket a Z4 case opened', async () => {
    const ticketForm = form('ticketBloqueo', {
      customerCode: '880003',
      createdAt: '2026-11-26T12:00:00-03:00',
    });
    expect((await post([ticketForm])).statusCode).toBe(200);
    const [found] = (await recent('880003')).json().forms;
    expect(found.ticket).toMatchObject({ id: expect.stringMatching(/^PV-/), dueDate: expect.any(String) });
  });

  it('needs a token and a customer code', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/forms/recent?customerCode=1' })).statusCode).toBe(401);
    expect((await recent('')).statusCode).toBe(400);
  });

  it('takes a note to a case: routed as its case, never a second ticket or case', async () => {
    const ticketForm = form('ticketBloqueo', { customerCode: '880004' });
    await post([ticketForm]);
    const note = form('nota', {
      customerCode: '880004',
      blockCodes: ['Z4'],
      context: { relatedFormId: ticketForm.id },
    });
    const response = await post([note]);
    expect(response.json().results).toEqual([{ id: note.id, status: 'accepted' }]);
    // Z4's area is the ticket system: the note is added to the ticket the case opened.
    expect(await count(s.db, `SELECT 1 FROM tickets WHERE customer_code = '880004'`)).toBe(1);
    const { rows } = await s.db.query<{ description: string }>(
      `SELECT description FROM tickets WHERE customer_code = '880004'`,
    );
    expect(rows[0]?.description).toContain('Nota de Ana Pérez');
    expect(rows[0]?.description).toContain('El cliente llamó de nuevo');

    // A collections case's area gets the note by mail, as its case.
    const tc = form('telecobranzas', { customerCode: '880006' });
    await post([tc]);
    const tcNote = form('nota', {
      customerCode: '880006',
      blockCodes: ['Z1'],
      context: { relatedFormId: tc.id },
    });
    await post([tcNote]);
    const [mail] = (
      await s.db.query<{ route_key: string; body: string; recipients: string[] }>(
        'SELECT route_key, body, recipients FROM mail_outbox WHERE form_id = $1',
        [tcNote.id],
      )
    ).rows;
    expect(mail?.route_key).toBe('TC');
    expect(mail?.recipients).toEqual(['telecobranzas@backoffice.example']);
    expect(mail?.body).toContain(`Nota al formulario: ${tc.id}`);
    expect(mail?.body).toContain('Nota para el área: El cliente llamó de nuevo');

    // A note without its case is refused with the reason.
    const orphan = form('nota', { context: {} });
    const refused = (await post([orphan])).json().results[0];
    expect(refused).toMatchObject({ status: 'rejected' });
    expect(refused.reason).toContain('Una nota debe indicar el formulario al que se agrega');
  });

  it('sends a note about a case without a routable block to the supervisor', async () => {
    const note = form('nota', {
      customerCode: '880005',
      blockCodes: [],
      context: { relatedFormId: crypto.randomUUID() },
    });
    await post([note]);
    const { rows } = await s.db.query<{ route_key: string }>(
      'SELECT route_key FROM mail_outbox WHERE form_id = $1',
      [note.id],
    );
    expect(rows[0]?.route_key).toBe('supervisor');
  });
});
