import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRequest, checkRequest, commonErrors, defineEndpoint, responseFor } from './endpoint';
import { ENDPOINTS } from './index';

const closeTicket = defineEndpoint({
  method: 'POST',
  path: '/tickets/:id/close',
  tags: ['t'],
  summary: 's',
  access: ['supervisor'],
  params: z.object({ id: z.string().max(12) }),
  query: z.strictObject({ reason: z.string().optional(), limit: z.coerce.number<number>().int().default(5) }),
  body: z.strictObject({ note: z.string() }),
  responses: { 200: z.object({ ok: z.boolean() }) },
  errors: { 404: z.object({ message: z.string() }) },
});

describe('endpoint definitions', () => {
  it('refuse a path whose :params differ from the params schema, and a status both answer and error', () => {
    const base = { method: 'GET', tags: ['t'], summary: 's', access: 'signed-in' } as const;
    expect(() =>
      defineEndpoint({
        ...base,
        path: '/forms/:id',
        params: z.object({ formId: z.string() }),
        responses: {},
      }),
    ).toThrow(/path params/);
    expect(() => defineEndpoint({ ...base, path: '/forms/:id', responses: {} })).toThrow(/path params/);
    expect(() =>
      defineEndpoint({ ...base, path: '/x', responses: { 200: z.null() }, errors: { 200: z.null() } }),
    ).toThrow(/both/);
  });

  it('add the error statuses that follow from the shape of the endpoint', () => {
    expect(commonErrors(closeTicket)).toEqual([400, 401, 403, 413, 415, 429, 500]);
    expect(Object.keys(closeTicket.errorResponses).map(Number)).toEqual([
      400, 401, 403, 404, 413, 415, 429, 500,
    ]);
    const health = ENDPOINTS.find((e) => e.path === '/healthz')!;
    expect(Object.keys(health.errorResponses)).toEqual(['500']);
    expect(responseFor(closeTicket, 200).kind).toBe('answer');
    expect(responseFor(closeTicket, 404).kind).toBe('error');
    expect(responseFor(closeTicket, 302).kind).toBe('undeclared');
  });

  it('build a request with encoded params, the query and a JSON body, which checks against the definition', () => {
    const request = buildRequest(closeTicket, {
      params: { id: 'PV/1 2' },
      query: { reason: 'ya resuelto & cerrado', limit: 3 },
      body: { note: 'ok' },
    });
    expect(request).toEqual({
      method: 'POST',
      path: '/tickets/PV%2F1%202/close?reason=ya%20resuelto%20%26%20cerrado&limit=3',
      body: '{"note":"ok"}',
    });
    expect(checkRequest(closeTicket, { ...request, body: JSON.parse(request.body!) })).toEqual({ ok: true });
  });

  it('checkRequest names what does not match', () => {
    const problems = (request: { method: string; path: string; body?: unknown }) => {
      const result = checkRequest(closeTicket, request);
      return result.ok ? [] : result.problems;
    };
    expect(problems({ method: 'GET', path: '/tickets/1/close', body: { note: '' } })).toEqual(['method GET']);
    expect(problems({ method: 'POST', path: '/tickets/1/open', body: { note: '' } })).toEqual([
      'path /tickets/1/open is not /tickets/:id/close',
    ]);
    expect(problems({ method: 'POST', path: '/tickets/1234567890123/close?extra=1', body: {} })).toEqual([
      expect.stringMatching(/^params\.id: /),
      expect.stringMatching(/^query\.: /),
      expect.stringMatching(/^body\.note: /),
    ]);
  });

  it('every endpoint of the contract has a unique method and path, tags and a summary', () => {
    const keys = ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const endpoint of ENDPOINTS) {
      expect(endpoint.summary.length).toBeGreaterThan(5);
      expect(Object.keys(endpoint.responses).length).toBeGreaterThan(0);
    }
  });
});
