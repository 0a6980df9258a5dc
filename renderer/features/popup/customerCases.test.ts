import { describe, expect, it } from 'vitest';
import { createBackOfficeClient } from '../../backoffice/client';
import { backOfficeCustomerCases } from './customerCases';

const zbCase = {
  number: 'ZB-000012',
  procedure: 'zb',
  procedureTitle: 'Protocolo de bloqueos ZB',
  open: true,
  stage: 'Monitorear el aviso',
  avisoNumber: 'EME-55012',
  visitDate: '2026-12-10',
  openedAt: '2026-12-01T12:00:00.000Z',
  updatedAt: '2026-12-01T13:00:00.000Z',
  closedAt: null,
};

function sourceAnswering(status: number, body: unknown, signedIn = true) {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), { status });
  }) as typeof globalThis.fetch;
  const source = backOfficeCustomerCases({
    backOffice: createBackOfficeClient({ timeoutMs: 1000, fetch }),
    credentials: async () => (signedIn ? { serverUrl: 'https://central.test', token: 't' } : null),
  });
  return { source, urls };
}

describe("a customer's cases for the agent's pop-up", () => {
  it('asks the central for this customer and hands over the cases', async () => {
    const { source, urls } = sourceAnswering(200, { cases: [zbCase] });
    expect(await source.forCustomer('10000044')).toMatchObject({ ok: true, value: [zbCase] });
    expect(urls).toEqual(['https://central.test/customers/10000044/cases']);
  });

  it('signed out: asks nothing; a failure says why', async () => {
    const signedOut = sourceAnswering(200, { cases: [] }, false);
    expect(await signedOut.source.forCustomer('10000044')).toBeNull();
    expect(signedOut.urls).toEqual([]);
    const failing = sourceAnswering(503, { message: 'La central está en mantención' });
    expect(await failing.source.forCustomer('10000044')).toMatchObject({
      ok: false,
      failure: { kind: 'server', message: 'La central está en mantención' },
    });
  });
});
