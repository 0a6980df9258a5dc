import { describe, expect, it } from 'vitest';
import { getMe, postLogin, postLogout, postRefresh } from '../../shared/api/auth';
import { getZoningWorkbook, postCaseEvent } from '../../shared/api/cases';
import { getDirectory } from '../../shared/api/directory';
import { checkRequest, type Endpoint } from '../../shared/api/endpoint';
import { postFormsBatch } from '../../shared/api/forms';
import { getHealth } from '../../shared/api/ops';
import { formSubmissionSchema, type FormSubmission } from '../../shared/forms/submission';
import { readFeed } from '../features/directory/sync/feed';
import {
  callEndpoint,
  checkHealth,
  endpoint,
  login,
  logout,
  postBatch,
  refresh,
  whoAmI,
} from './backOfficeApi';

const form = { id: '7d0c3a52-6f0e-4a57-9d55-3c8f0e6f2a11' } as unknown as FormSubmission;

function reply(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

describe('back-office client', () => {
  it('joins paths to a base with or without a trailing slash or a prefix', () => {
    expect(endpoint('http://127.0.0.1:8787', '/forms/batch')).toBe('http://127.0.0.1:8787/forms/batch');
    expect(endpoint('https://central.cl/api/', '/healthz')).toBe('https://central.cl/api/healthz');
  });

  it('207 and 422 carry per-form verdicts like 200', async () => {
    const results = [{ id: form.id, status: 'rejected', reason: 'RUT inválido' }];
    for (const status of [200, 207, 422]) {
      const answer = await postBatch('http://c', 't', [form], {
        timeoutMs: 1000,
        fetch: reply(status, { results, accepted: 0, duplicate: 0, rejected: 1 }),
      });
      expect(answer).toMatchObject({ ok: true, value: { results } });
    }
  });

  it('sorts failures into retry, sign in again, or refused', async () => {
    const kind = async (f: typeof fetch) => {
      const answer = await postBatch('http://c', 't', [form], { timeoutMs: 1000, fetch: f });
      return answer.ok ? 'ok' : `${answer.failure.kind}:${answer.failure.message}`;
    };
    expect(await kind(reply(503, '<html>Service Unavailable</html>'))).toBe(
      'server:La central respondió 503.',
    );
    expect(await kind(reply(500, { message: 'Error interno del servidor' }))).toBe(
      'server:Error interno del servidor',
    );
    expect(await kind(reply(429, { message: 'Demasiadas solicitudes' }))).toBe(
      'server:Demasiadas solicitudes',
    );
    expect(await kind(reply(401, { message: 'Sesión no válida o vencida' }))).toBe(
      'unauthorized:Sesión no válida o vencida',
    );
    expect(await kind(reply(413, { message: 'muy grande' }))).toBe('refused:muy grande');
    expect(await kind(reply(200, '{"results": [{"id"'))).toBe('server:Respuesta ilegible de la central.');
    expect(await kind(reply(200, { something: 'else' }))).toBe('server:Respuesta inesperada de la central.');
    expect(await kind(async () => Promise.reject(new TypeError('Failed to fetch')))).toBe(
      'network:Sin conexión con la central.',
    );
  });

  it('keeps the ticket the server opened for a form', async () => {
    const ticket = {
      id: 'PV-0000123',
      customerCode: '100234',
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      status: 'abierto',
      dueDate: '2026-12-12',
      createdAt: '2026-11-26T15:30:00.000Z',
      closedAt: null,
      relatedTicketId: null,
      resolution: null,
      description: '',
      formId: form.id,
      createdBy: 'ana',
      closedBy: null,
      overdue: false,
      created: true,
    };
    const answer = await postBatch('http://c', 't', [form], {
      timeoutMs: 1000,
      fetch: reply(200, {
        results: [{ id: form.id, status: 'accepted', ticket }],
        accepted: 1,
        duplicate: 0,
        rejected: 0,
      }),
    });
    expect(answer).toMatchObject({ ok: true, value: { results: [{ status: 'accepted', ticket }] } });
  });

  it('hands a file over as its bytes, and a refused form with what is wrong in each field', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0xff]);
    const file = await callEndpoint(
      'http://c',
      getZoningWorkbook,
      { query: { month: '2026-11' } },
      {
        timeoutMs: 1000,
        token: 't',
        fetch: async () => new Response(bytes, { status: 200 }),
      },
    );
    expect(file).toMatchObject({ ok: true, value: bytes });

    const refused = await callEndpoint(
      'http://c',
      postCaseEvent,
      { params: { id: 7 }, body: { type: 'comment', clientId: 'c-1', comment: 'x' } },
      {
        timeoutMs: 1000,
        token: 't',
        fetch: reply(422, {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'Revise los datos del paso.',
          fieldErrors: { visitDate: 'La fecha no puede ser anterior a hoy.' },
        }),
      },
    );
    expect(refused).toEqual({
      ok: false,
      failure: {
        kind: 'refused',
        status: 422,
        message: 'Revise los datos del paso.',
        fieldErrors: { visitDate: 'La fecha no puede ser anterior a hoy.' },
      },
    });
  });

  it('aborts a request slower than the deadline, body included', async () => {
    const slowBody: typeof fetch = async (_url, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"results":'));
            init?.signal?.addEventListener('abort', () =>
              controller.error(new DOMException('aborted', 'AbortError')),
            );
          },
        }),
        { status: 200 },
      );
    const started = Date.now();
    const answer = await postBatch('http://c', 't', [form], { timeoutMs: 150, fetch: slowBody });
    expect(answer).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('every request the app makes matches its shared/api definition', () => {
  const submission = formSubmissionSchema.parse({
    id: '7d0c3a52-6f0e-4a57-9d55-3c8f0e6f2a11',
    formId: 'certificacion',
    customerCode: '100234',
    customerName: 'María González',
    blockCodes: ['Z0'],
    agent: 'ana',
    createdAt: '2026-11-26T12:30:00-03:00',
    values: { contactName: 'María González', rut: '12345678-5', contactPhone: '912345678' },
  });

  /** Records each request and answers 503 (the request is what is checked here). */
  function recorder() {
    const requests: Array<{ method: string; path: string; body?: unknown; headers: Headers }> = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      requests.push({
        method: init?.method ?? 'GET',
        path: url.pathname.replace(/^\/api/, '') + url.search,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        headers: new Headers(init?.headers),
      });
      return new Response('{"message":"no"}', { status: 503 });
    }) as typeof globalThis.fetch;
    return { requests, fetch };
  }

  const expectMatches = (definition: Endpoint, request: { method: string; path: string; body?: unknown }) =>
    expect(checkRequest(definition, request), `${request.method} ${request.path}`).toEqual({ ok: true });

  it('sign-in, renewal, who am I, sign-out, health, form batch', async () => {
    const { requests, fetch } = recorder();
    const options = { timeoutMs: 1000, fetch };
    const base = 'https://central.test/api/';
    await login(base, 'ana', 'secreto', options);
    await refresh(base, 'token-1', options);
    await whoAmI(base, 'token-1', options);
    await logout(base, 'token-1', options);
    await checkHealth(base, options);
    await postBatch(base, 'token-1', [submission], options);
    const definitions = [postLogin, postRefresh, getMe, postLogout, getHealth, postFormsBatch];
    expect(requests).toHaveLength(definitions.length);
    requests.forEach((request, i) => {
      expectMatches(definitions[i] as Endpoint, request);
      expect(request.headers.get('authorization')).toBe(
        (definitions[i] as Endpoint).access === 'public' ? null : 'Bearer token-1',
      );
    });
  });

  it('the directory feed', async () => {
    const { requests, fetch } = recorder();
    for (const since of [0, 1234]) {
      await readFeed({
        baseUrl: 'https://central.test/api',
        token: 'token-1',
        since,
        batchSize: 10,
        fetchImpl: fetch,
        onHeader: () => undefined,
        onBatch: () => undefined,
      }).catch(() => undefined);
    }
    expect(requests).toHaveLength(2);
    for (const request of requests) expectMatches(getDirectory, request);
  });
});
