import {
  buildRequest,
  getBackOfficeMe,
  getBackOfficeUsers,
  getCase,
  getCaseIndicator,
  getCases,
  getEscalation,
  getEscalations,
  getZoningWorkbook,
  isBinary,
  isStream,
  postCase,
  postCaseEvent,
  postEscalationEvent,
  responseFor,
  type AnswerBody,
  type BackOfficeMe,
  type BackOfficeUser,
  type BuiltRequest,
  type CaseDetail,
  type CaseEventBody,
  type CaseList,
  type CaseListQuery,
  type CaseResult,
  type Endpoint,
  type EndpointSpec,
  type EscalationDetail,
  type EscalationEventBody,
  type IndicatorResponse,
  type OpenCaseBody,
  type RequestInput,
} from '../../../shared/api';

/**
 * How the screens reach the back office: one signed-in HTTP call, built from the shared endpoint
 * definitions (the session's token and the server's URL are the transport's business).
 */
export interface BackOfficeHttp {
  send(request: BuiltRequest): Promise<{ status: number; body: Blob }>;
}

/** A refusal or failure the screens show as it is: Spanish, never JSON. */
export class CasesApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }

  /** Someone else changed the case (or the item) first: reload and look again. */
  get conflict(): boolean {
    return this.status === 409;
  }
}

const UNREADABLE = 'La central respondió algo ilegible: intente nuevamente.';

/** Calls `endpoint` and parses its answer with the shared schema for the status it came with. */
async function call<S extends EndpointSpec>(
  http: BackOfficeHttp,
  endpoint: Endpoint<S>,
  input: RequestInput<S>,
): Promise<AnswerBody<S>> {
  const response = await http.send(buildRequest(endpoint, input));
  const expected = responseFor(endpoint as Endpoint, response.status);
  if (expected.kind === 'answer') {
    if (isBinary(expected.spec)) return new Uint8Array(await response.body.arrayBuffer()) as AnswerBody<S>;
    if (isStream(expected.spec)) throw new CasesApiError(UNREADABLE, response.status);
    let json: unknown;
    try {
      json = JSON.parse(await response.body.text());
    } catch {
      throw new CasesApiError(UNREADABLE, response.status);
    }
    const parsed = expected.spec.safeParse(json);
    if (!parsed.success)
      throw new CasesApiError('La central respondió en un formato inesperado.', response.status);
    return parsed.data as AnswerBody<S>;
  }
  let error: { message?: unknown; fieldErrors?: unknown } = {};
  try {
    error = JSON.parse(await response.body.text()) as typeof error;
  } catch {
    // not JSON: the message below
  }
  const message =
    typeof error.message === 'string' && response.status < 500
      ? error.message
      : 'La central no pudo responder: intente nuevamente en unos segundos.';
  const fieldErrors =
    error.fieldErrors && typeof error.fieldErrors === 'object'
      ? (error.fieldErrors as Record<string, string>)
      : {};
  throw new CasesApiError(message, response.status, fieldErrors);
}

export interface CasesApi {
  me(): Promise<BackOfficeMe>;
  list(query: CaseListQuery): Promise<CaseList>;
  get(id: number): Promise<CaseDetail>;
  act(id: number, body: CaseEventBody): Promise<CaseResult>;
  open(body: OpenCaseBody): Promise<CaseResult>;
  indicator(range?: { from?: string; to?: string }): Promise<IndicatorResponse>;
  users(): Promise<BackOfficeUser[]>;
  zoningWorkbook(month: string): Promise<Blob>;
  escalations(query: {
    status?: 'open' | 'closed';
    mine?: boolean;
  }): Promise<AnswerBody<typeof getEscalations>>;
  escalation(id: number): Promise<EscalationDetail>;
  actOnEscalation(
    id: number,
    body: EscalationEventBody,
  ): Promise<{ duplicate: boolean; escalation: EscalationDetail }>;
}

export function createCasesApi(http: BackOfficeHttp): CasesApi {
  return {
    me: () => call(http, getBackOfficeMe, {}),
    list: (query) => call(http, getCases, { query }),
    get: (id) => call(http, getCase, { params: { id } }),
    act: (id, body) => call(http, postCaseEvent, { params: { id }, body }),
    open: (body) => call(http, postCase, { body }),
    indicator: (range = {}) => call(http, getCaseIndicator, { query: range }),
    users: () => call(http, getBackOfficeUsers, {}).then((answer) => answer.users),
    zoningWorkbook: (month) =>
      call(http, getZoningWorkbook, { query: { month } }).then(
        (bytes) =>
          new Blob([bytes as Uint8Array<ArrayBuffer>], {
            type: getZoningWorkbook.responses[200].contentType,
          }),
      ),
    escalations: (query) =>
      call(http, getEscalations, { query: { status: query.status, mine: query.mine ? 'true' : undefined } }),
    escalation: (id) => call(http, getEscalation, { params: { id } }),
    actOnEscalation: (id, body) => call(http, postEscalationEvent, { params: { id }, body }),
  };
}
