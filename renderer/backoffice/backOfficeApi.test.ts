import { describe, expect, it } from 'vitest';
import type { FormSubmission } from '../../shared/forms/submission';
import { endpoint, postBatch } from './backOfficeApi';

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
