// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecentForm } from '../../../shared/api/forms';
import { duplicatesOf } from '../../../shared/forms/duplicates';
import { createBackOfficeClient } from '../../backoffice/client';
import { CompanionDb } from '../../db/db';
import { OutboxRepository } from './outboxRepo';
import { createRecentCases } from './recentCases';

const db = new CompanionDb('recent-cases-test');
const outbox = new OutboxRepository(db);
const values = { contactName: 'María Pérez', rut: '12.345.678-5', contactPhone: '+56 9 1234 5678' };
const queue = (customerCode: string, blockCodes = ['Z1']) =>
  outbox.queueSubmission(
    { formId: 'telecobranzas', customerCode, customerName: 'María', blockCodes, agent: 'ana', values },
    null,
  );
const signedIn = async () => ({ serverUrl: 'http://central.test', token: 'token-ana' });
const signedOut = async () => null;

function central(forms: RecentForm[] | Error) {
  const asked: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    asked.push(input instanceof Request ? input.url : String(input));
    if (forms instanceof Error) throw forms;
    return new Response(JSON.stringify({ forms }), { status: 200 });
  });
  return { asked, api: createBackOfficeClient({ timeoutMs: 5_000, fetch: fetchMock as typeof fetch }) };
}

describe('recent cases of a customer', () => {
  beforeEach(async () => {
    await db.outbox.clear();
  });

  it('finds this workstation’s queued and sent forms without the back office', async () => {
    const first = await queue('900');
    const second = await queue('900');
    await queue('901');
    await outbox.applyVerdicts([{ id: first.id, status: 'accepted' }]);
    const recent = createRecentCases({ outbox, credentials: signedOut, api: central([]).api });
    const { cases, centralChecked } = await recent('900');
    expect(centralChecked).toBe(false);
    expect(cases.map((c) => [c.id, c.status, c.source]).sort()).toEqual(
      [
        [first.id, 'recibido', 'este-equipo'],
        [second.id, 'pendiente', 'este-equipo'],
      ].sort(),
    );
    expect(duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, cases, Date.now())).toHaveLength(2);
  });

  it('adds the cases other workstations sent, as the back office tells them', async () => {
    const mine = await queue('902');
    const { asked, api } = central([
      {
        id: '0f5b0c4e-3b1a-4c7e-9d1e-2a3b4c5d6e7f',
        formId: 'telecobranzas',
        title: 'Toma de datos para Telecobranzas',
        customerCode: '902',
        blockCodes: ['Z1'],
        supervisorReason: null,
        agentName: 'Beto Soto',
        createdAt: new Date(Date.now() - 60_000).toISOString(),
        receivedAt: new Date(Date.now() - 50_000).toISOString(),
        mail: { status: 'sent', sentAt: new Date().toISOString() },
        ticket: null,
      },
    ]);
    const { cases, centralChecked } = await createRecentCases({ outbox, credentials: signedIn, api })('902');
    expect(asked).toEqual(['http://central.test/forms/recent?customerCode=902&hours=12']);
    expect(centralChecked).toBe(true);
    const found = duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, cases, Date.now());
    expect(found.map((c) => [c.source, c.status, c.agentName])).toEqual([
      ['este-equipo', 'pendiente', null],
      ['central', 'enviado', 'Beto Soto'],
    ]);
    expect(found[0]!.id).toBe(mine.id);
  });

  it('still answers from this workstation when the back office does not', async () => {
    await queue('903');
    const { api } = central(new TypeError('Failed to fetch'));
    expect(await createRecentCases({ outbox, credentials: signedIn, api })('903')).toMatchObject({
      centralChecked: false,
      cases: [{ status: 'pendiente' }],
    });
  });
});
