// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { duplicatesOf } from '../../../shared/forms/duplicates';
import { db } from '../../db/db';
import { saveSession, writeToken } from '../session/sessionStore';
import { applyVerdicts, queueSubmission } from './outboxRepo';
import { recentCasesOf } from './recentCases';

const values = { contactName: 'María Pérez', rut: '12.345.678-5', contactPhone: '+56 9 1234 5678' };
const queue = (customerCode: string, blockCodes = ['Z1']) =>
  queueSubmission(
    { formId: 'telecobranzas', customerCode, customerName: 'María', blockCodes, agent: 'ana', values },
    null,
  );

function signIn(): Promise<void> {
  saveSession({
    serverUrl: 'http://central.test',
    username: 'ana',
    displayName: 'Ana',
    role: 'agent',
    expiresAt: '2099-01-01T00:00:00Z',
    lifetimeMs: 3_600_000,
    obtainedAt: Date.now(),
    state: 'active',
    message: null,
  });
  return writeToken('token-ana');
}

describe('recent cases of a customer', () => {
  beforeEach(async () => {
    await db.outbox.clear();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('finds this workstation’s queued and sent forms without the back office', async () => {
    const first = await queue('900');
    const second = await queue('900');
    await queue('901');
    await applyVerdicts([{ id: first.id, status: 'accepted' }]);
    const { cases, centralChecked } = await recentCasesOf('900');
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
    await signIn();
    const mine = await queue('902');
    const asked: string[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return new Response(
        JSON.stringify({
          forms: [
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
          ],
        }),
        { status: 200 },
      );
    });
    vi.stubGlobal('fetch', fetchMock);
    const { cases, centralChecked } = await recentCasesOf('902');
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
    await signIn();
    await queue('903');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await recentCasesOf('903')).toMatchObject({
      centralChecked: false,
      cases: [{ status: 'pendiente' }],
    });
  });
});
