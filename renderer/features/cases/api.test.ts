import { describe, expect, it, vi } from 'vitest';
import { createBackOfficeClient } from '../../backoffice/client';
import { CasesApiError, createCasesApi } from './api';

const credentials = { serverUrl: 'https://central.test/api', token: 'token-1' };

function casesApiAnswering(answer: () => Promise<Response>, signedIn = true) {
  const requests: Array<{ url: string; authorization: string | null }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return answer();
  }) as typeof globalThis.fetch;
  const onUnauthorized = vi.fn();
  const api = createCasesApi({
    backOffice: createBackOfficeClient({ timeoutMs: 1000, fetch }),
    credentials: async () => (signedIn ? credentials : null),
    onUnauthorized,
  });
  return { api, requests, onUnauthorized };
}

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<CasesApiError> {
  const error = await promise.then(
    () => null,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CasesApiError);
  return error as CasesApiError;
}

describe('the cases screens’ API over the app’s back-office client', () => {
  it('asks the signed-in session’s central, with its token', async () => {
    const me = {
      id: 4,
      username: 'rosa',
      displayName: 'Rosa Rojas',
      role: 'backoffice',
      caseRoles: ['supervisor_rrss'],
    };
    const { api, requests } = casesApiAnswering(json(200, me));
    expect(await api.me()).toEqual(me);
    expect(requests).toEqual([
      { url: 'https://central.test/api/back-office/me', authorization: 'Bearer token-1' },
    ]);
  });

  it('signed out: says to sign in, and sends nothing', async () => {
    const { api, requests } = casesApiAnswering(json(200, {}), false);
    expect((await failure(api.get(1))).message).toBe('Inicie sesión en la central para ver los casos.');
    expect(requests).toEqual([]);
  });

  it('a step refused keeps what is wrong in each field; someone acting first is a conflict', async () => {
    const refused = casesApiAnswering(
      json(422, {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Revise los datos del paso.',
        fieldErrors: { phone2: 'Los dos teléfonos de contacto deben ser distintos.' },
      }),
    );
    const body = { type: 'comment', clientId: '0b7d9a43-35a0-4c4e-9a55-5f9a8c1d2e3f', comment: 'x' } as const;
    const error = await failure(refused.api.act(3, body));
    expect(error).toMatchObject({
      message: 'Revise los datos del paso.',
      status: 422,
      conflict: false,
      fieldErrors: { phone2: 'Los dos teléfonos de contacto deben ser distintos.' },
    });

    const raced = casesApiAnswering(
      json(409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'Otro usuario actuó primero.',
        currentVersion: 3,
      }),
    );
    expect(await failure(raced.api.act(3, body))).toMatchObject({ conflict: true, fieldErrors: {} });
  });

  it('a token the server refuses expires the session; no connection is said in Spanish', async () => {
    const expired = casesApiAnswering(
      json(401, { statusCode: 401, error: 'Unauthorized', message: 'Sesión no válida o vencida' }),
    );
    expect((await failure(expired.api.list({}))).message).toBe('Sesión no válida o vencida');
    expect(expired.onUnauthorized).toHaveBeenCalledWith('Sesión no válida o vencida', 'token-1');

    const offline = casesApiAnswering(async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await failure(offline.api.list({}))).toMatchObject({
      message: 'Sin conexión con la central.',
      status: 0,
    });
    expect(offline.onUnauthorized).not.toHaveBeenCalled();
  });

  it('the zonificación workbook comes as an .xlsx file', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    const { api } = casesApiAnswering(async () => new Response(bytes, { status: 200 }));
    const file = await api.zoningWorkbook('2026-11');
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });
});
