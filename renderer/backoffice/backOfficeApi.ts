import { z } from 'zod';
import { getMe, postLogin, postLogout, postRefresh, type Session } from '../../shared/api/auth';
import {
  buildRequest,
  responseFor,
  isBinary,
  isStream,
  type AnswerBody,
  type AnswerStatus,
  type Endpoint,
  type EndpointSpec,
  type RequestInput,
} from '../../shared/api/endpoint';
import { apiErrorSchema } from '../../shared/api/errors';
import { getRecentForms, postFormsBatch, type FormVerdict, type RecentForm } from '../../shared/api/forms';
import { getHealth } from '../../shared/api/ops';
import type { FormSubmission } from '../../shared/forms/submission';
import { getCustomerTickets as getDeskTickets } from '../../shared/api/tickets';

/**
 * The back office over HTTP, with every failure sorted into what the caller should do about it.
 * Requests are built and answers parsed from the endpoint definitions in shared/api, the same the
 * server registers its routes from. Each call has its own deadline (AbortController): reading the
 * body counts, so a connection cut mid-answer is a failure like any other, never a hang.
 */
export type ApiFailure =
  /** Refused, reset, DNS, CORS: the request may or may not have reached the server. */
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  /** 5xx, 429 or an answer we cannot read: try again later. */
  | {
      kind: 'server';
      status: number;
      message: string;
      /** The server's Retry-After in seconds: it says it is busy or away, not that the request is bad. */
      retryAfterS?: number;
    }
  | { kind: 'unauthorized'; message: string }
  /** Any other 4xx: the request itself is wrong; sending it again will not help. */
  | {
      kind: 'refused';
      status: number;
      message: string;
      /** What is wrong with each field, when the server says (a form's 422: field name → Spanish). */
      fieldErrors?: Record<string, string>;
    };

export type ApiResult<T> =
  { ok: true; value: T; serverDate: string | null } | { ok: false; failure: ApiFailure };

export type BatchItemResult = FormVerdict;
export type BackOfficeSession = Session;

export interface ApiOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface CallOptions<Status extends number> extends ApiOptions {
  token?: string;
  /** Answers taken as success; by default every answer the endpoint declares (not its errors). */
  accept?: readonly Status[];
}

/** What an error answer says: its message, and for a form's refusal what is wrong with each field. */
const refusalSchema = apiErrorSchema
  .pick({ message: true })
  .extend({ fieldErrors: z.record(z.string(), z.string()).optional().catch(undefined) });

export function endpoint(serverUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ''), serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).href;
}

/**
 * Calls one endpoint of shared/api: builds the request from `input` (params, query, body), and
 * parses an accepted answer with the definition's schema for its status.
 */
export async function callEndpoint<S extends EndpointSpec, Status extends AnswerStatus<S> = AnswerStatus<S>>(
  serverUrl: string,
  definition: Endpoint<S>,
  input: RequestInput<S>,
  options: CallOptions<Status>,
): Promise<ApiResult<AnswerBody<S, Status>>> {
  const request = buildRequest(definition, input);
  const headers: Record<string, string> = {};
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const response = await doFetch(endpoint(serverUrl, request.path), {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
      cache: 'no-store',
    });
    const serverDate = response.headers.get('date');
    const status = response.status;
    const expected = responseFor(definition as Endpoint, status);
    const accepted = options.accept ? (options.accept as readonly number[]).includes(status) : true;
    if (expected.kind === 'answer' && accepted && isBinary(expected.spec)) {
      // A file (a spreadsheet): its bytes as they came.
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { ok: true, value: bytes as AnswerBody<S, Status>, serverDate };
    }
    const text = await response.text();
    if (expected.kind === 'answer' && accepted && !isStream(expected.spec) && !isBinary(expected.spec)) {
      let parsed: unknown;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        return {
          ok: false,
          failure: { kind: 'server', status, message: 'Respuesta ilegible de la central.' },
        };
      }
      const result = expected.spec.safeParse(parsed);
      if (!result.success) {
        return {
          ok: false,
          failure: { kind: 'server', status, message: 'Respuesta inesperada de la central.' },
        };
      }
      return { ok: true, value: result.data as AnswerBody<S, Status>, serverDate };
    }
    let message = `La central respondió ${status}.`;
    let fieldErrors: Record<string, string> | undefined;
    try {
      const body = refusalSchema.safeParse(JSON.parse(text));
      if (body.success) ({ message, fieldErrors } = body.data);
    } catch {
      // a proxy's HTML error page: keep the generic message
    }
    if (status === 401) return { ok: false, failure: { kind: 'unauthorized', message } };
    if (status >= 500 || status === 429 || status === 408) {
      const retryAfterS = retryAfterSeconds(response.headers.get('retry-after'));
      return {
        ok: false,
        failure: { kind: 'server', status, message, ...(retryAfterS !== undefined ? { retryAfterS } : {}) },
      };
    }
    return {
      ok: false,
      failure: { kind: 'refused', status, message, ...(fieldErrors ? { fieldErrors } : {}) },
    };
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

/** GET /healthz: only 200 means reachable (503 is the server saying its database is down). */
export function checkHealth(serverUrl: string, options: ApiOptions) {
  return callEndpoint(serverUrl, getHealth, {}, { ...options, accept: [200] });
}

export function login(
  serverUrl: string,
  username: string,
  password: string,
  options: ApiOptions,
): Promise<ApiResult<BackOfficeSession>> {
  return callEndpoint(serverUrl, postLogin, { body: { username, password } }, options);
}

export function refresh(
  serverUrl: string,
  token: string,
  options: ApiOptions,
): Promise<ApiResult<BackOfficeSession>> {
  return callEndpoint(serverUrl, postRefresh, {}, { ...options, token });
}

export function whoAmI(serverUrl: string, token: string, options: ApiOptions) {
  return callEndpoint(serverUrl, getMe, {}, { ...options, token });
}

export async function logout(serverUrl: string, token: string, options: ApiOptions): Promise<void> {
  await callEndpoint(serverUrl, postLogout, {}, { ...options, token });
}

/** POST /forms/batch: 200, 207 and 422 all carry one verdict per form, in the order sent. */
export function postBatch(
  serverUrl: string,
  token: string,
  forms: readonly FormSubmission[],
  options: ApiOptions,
): Promise<ApiResult<{ results: BatchItemResult[] }>> {
  return callEndpoint(serverUrl, postFormsBatch, { body: { forms: [...forms] } }, { ...options, token });
}

export type CustomerTicketsAnswer = AnswerBody<typeof getDeskTickets, 200>;

/** GET /customers/:code/tickets: the customer's open tickets and the recent closed ones. */
export function getCustomerTickets(
  serverUrl: string,
  token: string,
  customerCode: string,
  options: ApiOptions,
): Promise<ApiResult<CustomerTicketsAnswer>> {
  return callEndpoint(serverUrl, getDeskTickets, { params: { code: customerCode } }, { ...options, token });
}

/** GET /forms/recent: the cases of a customer in the last hours, from every workstation. */
export function recentForms(
  serverUrl: string,
  token: string,
  customerCode: string,
  hours: number,
  options: ApiOptions,
): Promise<ApiResult<{ forms: RecentForm[] }>> {
  return callEndpoint(serverUrl, getRecentForms, { query: { customerCode, hours } }, { ...options, token });
}

/** Retry-After as seconds (delta or HTTP date); undefined when absent or unreadable. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000));
}
