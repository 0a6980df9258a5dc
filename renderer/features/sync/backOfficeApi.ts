import { z } from 'zod';
import type { FormSubmission } from '../../../shared/forms/submission';

/**
 * The back office over HTTP, with every failure sorted into what the caller should do about it.
 * Each call has its own deadline (AbortController): reading the body counts, so a connection cut
 * mid-answer is a failure like any other, never a hang.
 */
export type ApiFailure =
  /** Refused, reset, DNS, CORS: the request may or may not have reached the server. */
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  /** 5xx, 429 or an answer we cannot read: try again later. */
  | { kind: 'server'; status: number; message: string }
  | { kind: 'unauthorized'; message: string }
  /** Any other 4xx: the request itself is wrong; sending it again will not help. */
  | { kind: 'refused'; status: number; message: string };

export type ApiResult<T> =
  { ok: true; value: T; serverDate: string | null } | { ok: false; failure: ApiFailure };

const itemResultSchema = z.object({
  id: z.string().nullable(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
export type BatchItemResult = z.infer<typeof itemResultSchema>;

const batchResponseSchema = z.object({ results: z.array(itemResultSchema) });

const userSchema = z.object({ username: z.string(), displayName: z.string(), role: z.string() });
const sessionSchema = z.object({ token: z.string().min(1), expiresAt: z.string(), user: userSchema });
export type BackOfficeSession = z.infer<typeof sessionSchema>;

const errorBodySchema = z.object({ message: z.string() });

export interface ApiOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function endpoint(serverUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ''), serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).href;
}

async function call<T>(
  url: string,
  init: RequestInit,
  schema: z.ZodType<T>,
  options: ApiOptions,
  /** Statuses whose body is a normal answer (the batch endpoint answers 207 and 422 with results). */
  okStatuses: readonly number[] = [200],
): Promise<ApiResult<T>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const response = await doFetch(url, { ...init, signal: controller.signal, cache: 'no-store' });
    const text = await response.text();
    const serverDate = response.headers.get('date');
    if (okStatuses.includes(response.status)) {
      let parsed: unknown;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        return {
          ok: false,
          failure: { kind: 'server', status: response.status, message: 'Respuesta ilegible de la central.' },
        };
      }
      const result = schema.safeParse(parsed);
      if (!result.success) {
        return {
          ok: false,
          failure: {
            kind: 'server',
            status: response.status,
            message: 'Respuesta inesperada de la central.',
          },
        };
      }
      return { ok: true, value: result.data, serverDate };
    }
    let message = `La central respondió ${response.status}.`;
    try {
      const body = errorBodySchema.safeParse(JSON.parse(text));
      if (body.success) message = body.data.message;
    } catch {
      // a proxy's HTML error page: keep the generic message
    }
    if (response.status === 401) return { ok: false, failure: { kind: 'unauthorized', message } };
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { ok: false, failure: { kind: 'server', status: response.status, message } };
    }
    return { ok: false, failure: { kind: 'refused', status: response.status, message } };
  } catch {
    if (timedOut) {
      return {
        ok: false,
        failure: {
          kind: 'timeout',
          message: `La central no respondió en ${Math.round(options.timeoutMs / 1000)} s.`,
        },
      };
    }
    // The browser's own words ("Failed to fetch") tell the agent nothing more.
    return { ok: false, failure: { kind: 'network', message: 'Sin conexión con la central.' } };
  } finally {
    clearTimeout(timer);
  }
}

function json(body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return { method: 'POST', headers, body: JSON.stringify(body) };
}

export function checkHealth(serverUrl: string, options: ApiOptions): Promise<ApiResult<{ status: string }>> {
  return call(endpoint(serverUrl, '/healthz'), { method: 'GET' }, z.object({ status: z.string() }), options);
}

export function login(
  serverUrl: string,
  username: string,
  password: string,
  options: ApiOptions,
): Promise<ApiResult<BackOfficeSession>> {
  return call(endpoint(serverUrl, '/auth/login'), json({ username, password }), sessionSchema, options);
}

export function refresh(
  serverUrl: string,
  token: string,
  options: ApiOptions,
): Promise<ApiResult<BackOfficeSession>> {
  return call(
    endpoint(serverUrl, '/auth/refresh'),
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    sessionSchema,
    options,
  );
}

export function whoAmI(serverUrl: string, token: string, options: ApiOptions): Promise<ApiResult<unknown>> {
  return call(
    endpoint(serverUrl, '/auth/me'),
    { method: 'GET', headers: { authorization: `Bearer ${token}` } },
    z.unknown(),
    options,
  );
}

export async function logout(serverUrl: string, token: string, options: ApiOptions): Promise<void> {
  await call(
    endpoint(serverUrl, '/auth/logout'),
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    z.unknown(),
    options,
    [204],
  );
}

/** POST /forms/batch: 200, 207 and 422 all carry one verdict per form, in the order sent. */
export function postBatch(
  serverUrl: string,
  token: string,
  forms: readonly FormSubmission[],
  options: ApiOptions,
): Promise<ApiResult<{ results: BatchItemResult[] }>> {
  return call(
    endpoint(serverUrl, '/forms/batch'),
    json({ forms }, token),
    batchResponseSchema,
    options,
    [200, 207, 422],
  );
}

const recentFormSchema = z.object({
  id: z.string(),
  formId: z.string(),
  customerCode: z.string(),
  blockCodes: z.array(z.string()),
  supervisorReason: z.string().nullable(),
  agentName: z.string(),
  createdAt: z.string(),
  mail: z.object({ status: z.enum(['pending', 'sent']), sentAt: z.string().nullable() }).nullable(),
  ticket: z.object({ id: z.string(), dueDate: z.string() }).nullable(),
});
export type RecentForm = z.infer<typeof recentFormSchema>;

/** GET /forms/recent: the cases of a customer in the last hours, from every workstation. */
export function recentForms(
  serverUrl: string,
  token: string,
  customerCode: string,
  hours: number,
  options: ApiOptions,
): Promise<ApiResult<{ forms: RecentForm[] }>> {
  const path = `/forms/recent?customerCode=${encodeURIComponent(customerCode)}&hours=${hours}`;
  return call(
    endpoint(serverUrl, path),
    { method: 'GET', headers: { authorization: `Bearer ${token}` } },
    z.object({ forms: z.array(recentFormSchema) }),
    options,
  );
}
