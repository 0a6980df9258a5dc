import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EscalationDetail } from '../../../shared/api';
import { describeEachBackend } from '../../test/db';
import { auth, count, form, startApp, type Started } from '../../test/harness';

const AT = new Date('2026-03-09T13:00:00Z');

describeEachBackend('forms a desk set aside reach the supervisor (POST /forms/parked)', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open(), {}, { now: () => AT });
  });
  afterAll(() => s.close());

  const parked = (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    formId: 'sinConsumo',
    customerCode: '700001',
    customerName: 'Gas Los Andes Ltda.',
    reason: 'La central tuvo un error (500).',
    ...overrides,
  });
  const report = (token: string | null, body: unknown) =>
    s.app.inject({
      method: 'POST',
      url: '/forms/parked',
      headers: token ? auth(token) : {},
      payload: body as Record<string, unknown>,
    });
  const inbox = async (token: string) => {
    const response = await s.app.inject({
      method: 'GET',
      url: '/escalations?kind=formulario_rechazado',
      headers: auth(token),
    });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { escalations: EscalationDetail[] }).escalations;
  };

  it("becomes one item of the agent's supervisor's inbox and one refusal, however often the desk reports it", async () => {
    const item = parked({ id: randomUUID().toUpperCase() });
    const first = await report(s.team.agent, { forms: [item] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ results: [{ id: item.id.toLowerCase(), status: 'recorded' }] });

    const items = await inbox(s.team.supervisor);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'formulario_rechazado',
      status: 'abierta',
      customerCode: '700001',
      customerName: 'Gas Los Andes Ltda.',
      agent: 'Ana Pérez',
      details: {
        motivo:
          'Apartado por el equipo: la central falla cada vez que recibe este formulario, mientras recibe los demás (La central tuvo un error (500)).',
        formulario: 'Solicitud de visita a corto plazo: sin consumo',
        idFormulario: item.id.toLowerCase(),
      },
    });
    expect(items[0]!.summary).toMatch(/^Formulario rechazado por la central: Apartado por el equipo/);
    expect(await inbox(s.team.otherSupervisor)).toEqual([]);

    // A lost answer: the desk reports it again (with another reason even): nothing new.
    const again = await report(s.team.agent, { forms: [{ ...item, reason: 'Otra vez' }] });
    expect(again.json()).toEqual({ results: [{ id: item.id.toLowerCase(), status: 'duplicate' }] });
    expect(await inbox(s.team.supervisor)).toHaveLength(1);
    const id = items[0]!.id;
    expect(await count(s.db, 'SELECT 1 FROM escalation_events WHERE escalation_id = $1', [id])).toBe(1);
    expect(
      await count(s.db, 'SELECT 1 FROM form_refusals WHERE client_id = $1 AND payload IS NULL', [
        item.id.toLowerCase(),
      ]),
    ).toBe(1);
  });

  it('records nothing for a form the central already holds (a resend went through first)', async () => {
    const sent = form('sinConsumo');
    const batch = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [sent] },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const other = parked();
    const response = await report(s.team.agent, { forms: [parked({ id: sent.id }), other] });
    expect(response.json()).toEqual({
      results: [
        { id: sent.id.toLowerCase(), status: 'stored' },
        { id: other.id, status: 'recorded' },
      ],
    });
    const ids = (await inbox(s.team.admin)).map((e) => e.details.idFormulario);
    expect(ids).toContain(other.id);
    expect(ids).not.toContain(sent.id.toLowerCase());
  });

  it('refuses bad input with a Spanish message and records nothing; needs a session', async () => {
    const before = await count(s.db, 'SELECT 1 FROM escalations');
    const cases: unknown[] = [
      { forms: [] },
      { forms: [parked({ id: 'no-es-un-uuid' })] },
      { forms: [parked({ reason: '' })] },
      { forms: [parked({ customerName: 'Cliente\u0000' })] },
      { forms: [parked({ reason: 'x'.repeat(1001) })] },
      { forms: [parked({ payload: { values: {} } })] },
      { forms: [parked()], extra: true },
      { forms: Array.from({ length: 101 }, () => parked()) },
      { forms: 'todo' },
      {},
    ];
    for (const body of cases) {
      const response = await report(s.team.agent, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      const message = (response.json() as { message: string }).message;
      expect(message).not.toMatch(/Invalid|expected|Unrecognized/);
      expect(message.length).toBeGreaterThan(0);
    }
    const nul = await report(s.team.agent, { forms: [parked({ customerName: 'Cliente\u0000' })] });
    expect(nul.json().message).toMatch(/caracteres no válidos/);
    const invalidJson = await s.app.inject({
      method: 'POST',
      url: '/forms/parked',
      headers: { ...auth(s.team.agent), 'content-type': 'application/json' },
      payload: '{"forms": [',
    });
    expect(invalidJson.statusCode).toBe(400);
    expect((await report(null, { forms: [parked()] })).statusCode).toBe(401);
    expect((await report('no-es-un-token', { forms: [parked()] })).statusCode).toBe(401);
    expect(await count(s.db, 'SELECT 1 FROM escalations')).toBe(before);
  });
});
