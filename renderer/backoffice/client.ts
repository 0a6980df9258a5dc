import type { RecentForm } from '../../shared/api/forms';
import type {
  AnswerBody,
  AnswerStatus,
  Endpoint,
  EndpointSpec,
  RequestInput,
} from '../../shared/api/endpoint';
import type { FormSubmission } from '../../shared/forms/submission';
import {
  callEndpoint,
  checkHealth,
  getCustomerTickets,
  login,
  logout,
  postBatch,
  recentForms,
  refresh,
  whoAmI,
  type ApiOptions,
  type ApiResult,
  type BackOfficeSession,
  type BatchItemResult,
  type CustomerTicketsAnswer,
} from './backOfficeApi';

/**
 * The back office as the renderer's services use it: one object, its deadlines fixed once by the
 * composition root (renderer/app/services.ts), so no caller picks a timeout of its own.
 */
export interface BackOfficeClient {
  /** GET /healthz, with the short deadline of a probe. */
  checkHealth(serverUrl: string): Promise<ApiResult<{ status: string }>>;
  login(serverUrl: string, username: string, password: string): Promise<ApiResult<BackOfficeSession>>;
  refresh(serverUrl: string, token: string): Promise<ApiResult<BackOfficeSession>>;
  whoAmI(serverUrl: string, token: string): Promise<ApiResult<unknown>>;
  logout(serverUrl: string, token: string): Promise<void>;
  postBatch(
    serverUrl: string,
    token: string,
    forms: readonly FormSubmission[],
  ): Promise<ApiResult<{ results: BatchItemResult[] }>>;
  /** GET /customers/:code/tickets, with the short deadline of a look-up the agent waits for. */
  customerTickets(
    serverUrl: string,
    token: string,
    customerCode: string,
  ): Promise<ApiResult<CustomerTicketsAnswer>>;
  /** GET /forms/recent, with a short deadline: the pop-up never waits long for it. */
  recentForms(
    serverUrl: string,
    token: string,
    customerCode: string,
    hours: number,
  ): Promise<ApiResult<{ forms: RecentForm[] }>>;
  /** Any endpoint of shared/api with the token (the board's widgets and rows). */
  call<S extends EndpointSpec>(
    serverUrl: string,
    token: string,
    definition: Endpoint<S>,
    input: RequestInput<S>,
  ): Promise<ApiResult<AnswerBody<S, AnswerStatus<S>>>>;
}

export interface BackOfficeClientOptions {
  /** Deadline of every request (the outbox's batches included). */
  timeoutMs: number;
  /** Deadline of the health probe (default: min(timeoutMs, 5 s)). */
  probeTimeoutMs?: number;
  /** Deadline of the "is this token still mine?" check after a 401 (default 10 s). */
  whoAmITimeoutMs?: number;
  /** Deadline of the recent-cases question of the duplicate guard (default 2.5 s). */
  recentTimeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Told after every request but the health probe whether the back office answered (any HTTP
   * answer below 500) or not (network error, deadline, 5xx): the connection banner believes the
   * last request as much as its probe.
   */
  onAnswer?: (answered: boolean) => void;
}

/** `fetch` that reports whether the back office answered each request. */
function observedFetch(base: typeof fetch | undefined, onAnswer: (answered: boolean) => void): typeof fetch {
  const doFetch = base ?? globalThis.fetch.bind(globalThis);
  return async (input, init) => {
    try {
      const response = await doFetch(input, init);
      onAnswer(response.status < 500);
      return response;
    } catch (error) {
      onAnswer(false);
      throw error;
    }
  };
}

export function createBackOfficeClient(options: BackOfficeClientOptions): BackOfficeClient {
  // The probe reports through its own result; every other request through `onAnswer`.
  const fetch = options.onAnswer ? observedFetch(options.fetch, options.onAnswer) : options.fetch;
  const main: ApiOptions = { timeoutMs: options.timeoutMs, fetch };
  const probe: ApiOptions = {
    timeoutMs: options.probeTimeoutMs ?? Math.min(options.timeoutMs, 5_000),
    fetch: options.fetch,
  };
  const check: ApiOptions = { timeoutMs: options.whoAmITimeoutMs ?? 10_000, fetch };
  // A card or pop-up waits for it: no longer than a probe (the cached copy shows meanwhile).
  const lookUp: ApiOptions = { timeoutMs: Math.min(options.timeoutMs, 8_000), fetch };
  const recent: ApiOptions = { timeoutMs: options.recentTimeoutMs ?? 2_500, fetch };
  return {
    checkHealth: (serverUrl) => checkHealth(serverUrl, probe),
    login: (serverUrl, username, password) => login(serverUrl, username, password, main),
    refresh: (serverUrl, token) => refresh(serverUrl, token, main),
    whoAmI: (serverUrl, token) => whoAmI(serverUrl, token, check),
    logout: (serverUrl, token) => logout(serverUrl, token, main),
    postBatch: (serverUrl, token, forms) => postBatch(serverUrl, token, forms, main),
    customerTickets: (serverUrl, token, customerCode) =>
      getCustomerTickets(serverUrl, token, customerCode, lookUp),
    recentForms: (serverUrl, token, customerCode, hours) =>
      recentForms(serverUrl, token, customerCode, hours, recent),
    call: (serverUrl, token, definition, input) =>
      callEndpoint(serverUrl, definition, input, { ...main, token }),
  };
}

export type {
  ApiFailure,
  ApiResult,
  BackOfficeSession,
  BatchItemResult,
  CustomerTicketsAnswer,
} from './backOfficeApi';
