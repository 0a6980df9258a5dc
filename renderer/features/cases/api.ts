import type { AnswerBody, Endpoint, EndpointSpec, RequestInput } from '../../../shared/api/endpoint';
import {
  getBackOfficeMe,
  getBackOfficeUsers,
  getCase,
  getCaseIndicator,
  getCases,
  getZoningWorkbook,
  postCase,
  postCaseEvent,
  type BackOfficeMe,
  type BackOfficeUser,
  type CaseDetail,
  type CaseEventBody,
  type CaseList,
  type CaseListQuery,
  type CaseResult,
  type IndicatorResponse,
  type OpenCaseBody,
} from '../../../shared/api/cases';
import {
  getEscalation,
  getEscalations,
  postEscalationEvent,
  type EscalationDetail,
  type EscalationEventBody,
} from '../../../shared/api/escalations';
import type { ApiFailure, BackOfficeClient } from '../../backoffice/client';

/** A refusal or failure the screens show as it is: Spanish, never JSON. */
export class CasesApiError extends Error {
  constructor(
    message: string,
    /** The answer's status; 0 when none came (no connection, no answer in time). */
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

const NO_SESSION = 'Inicie sesión en la central para ver los casos.';

function errorOf(failure: ApiFailure): CasesApiError {
  switch (failure.kind) {
    case 'refused':
      return new CasesApiError(failure.message, failure.status, failure.fieldErrors);
    case 'server':
      return new CasesApiError(failure.message, failure.status);
    case 'unauthorized':
      return new CasesApiError(failure.message, 401);
    default:
      return new CasesApiError(failure.message, 0);
  }
}

export interface CasesApiDeps {
  /** The app's one back-office client (its deadlines, the shared endpoint definitions). */
  backOffice: BackOfficeClient;
  /** The signed-in session's server and token; null when nobody is signed in. */
  credentials: () => Promise<{ serverUrl: string; token: string } | null>;
  /** The server refused the token (401): the session says so, as the other services do. */
  onUnauthorized?: (message: string, token: string) => void;
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
    limit?: number;
  }): Promise<AnswerBody<typeof getEscalations>>;
  escalation(id: number): Promise<EscalationDetail>;
  actOnEscalation(
    id: number,
    body: EscalationEventBody,
  ): Promise<{ duplicate: boolean; escalation: EscalationDetail }>;
}

/**
 * The screens' view of the back office, over the app's back-office client: every call built and
 * parsed from the shared endpoint definitions; a failure rejects with a CasesApiError.
 */
export function createCasesApi(deps: CasesApiDeps): CasesApi {
  const call = async <S extends EndpointSpec>(
    endpoint: Endpoint<S>,
    input: RequestInput<S>,
  ): Promise<AnswerBody<S>> => {
    const credentials = await deps.credentials();
    if (!credentials) throw new CasesApiError(NO_SESSION, 401);
    const answer = await deps.backOffice.call(credentials.serverUrl, credentials.token, endpoint, input);
    if (answer.ok) return answer.value;
    if (answer.failure.kind === 'unauthorized')
      deps.onUnauthorized?.(answer.failure.message, credentials.token);
    throw errorOf(answer.failure);
  };
  return {
    me: () => call(getBackOfficeMe, {}),
    list: (query) => call(getCases, { query }),
    get: (id) => call(getCase, { params: { id } }),
    act: (id, body) => call(postCaseEvent, { params: { id }, body }),
    open: (body) => call(postCase, { body }),
    indicator: (range = {}) => call(getCaseIndicator, { query: range }),
    users: () => call(getBackOfficeUsers, {}).then((answer) => answer.users),
    zoningWorkbook: (month) =>
      call(getZoningWorkbook, { query: { month } }).then(
        (bytes) =>
          new Blob([bytes as Uint8Array<ArrayBuffer>], {
            type: getZoningWorkbook.responses[200].contentType,
          }),
      ),
    escalations: (query) =>
      call(getEscalations, {
        query: { status: query.status, mine: query.mine ? 'true' : undefined, limit: query.limit },
      }),
    escalation: (id) => call(getEscalation, { params: { id } }),
    actOnEscalation: (id, body) => call(postEscalationEvent, { params: { id }, body }),
  };
}
