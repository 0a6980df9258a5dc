import { z } from 'zod';
import {
  backOfficeMeSchema,
  backOfficeUserSchema,
  caseDetailSchema,
  caseListSchema,
  caseResultSchema,
  escalationDetailSchema,
  escalationListSchema,
  escalationResultSchema,
  indicatorSchema,
  type BackOfficeMe,
  type BackOfficeUser,
  type CaseDetail,
  type CaseEventBody,
  type CaseList,
  type CaseListQuery,
  type CaseResult,
  type EscalationDetail,
  type EscalationEventBody,
  type IndicatorResponse,
  type OpenCaseBody,
} from '../../../shared/procedures/api';

/**
 * How the screens reach the back office: one signed-in HTTP call (the session's token and server
 * URL are the transport's business). `body` is JSON; the answer is the status and the raw body.
 */
export interface BackOfficeHttp {
  send(request: {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
  }): Promise<{ status: number; body: Blob }>;
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

async function parse<T>(
  response: { status: number; body: Blob },
  schema: z.ZodType<T>,
  ok: number[],
): Promise<T> {
  const text = await response.body.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new CasesApiError('La central respondió algo ilegible: intente nuevamente.', response.status);
  }
  if (!ok.includes(response.status)) {
    const error = (json ?? {}) as { message?: unknown; fieldErrors?: unknown };
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
  const result = schema.safeParse(json);
  if (!result.success)
    throw new CasesApiError('La central respondió en un formato inesperado.', response.status);
  return result.data;
}

function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '' && value !== false)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const backOfficeUsersSchema = z.object({ users: z.array(backOfficeUserSchema) });

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
  }): Promise<z.infer<typeof escalationListSchema>>;
  escalation(id: number): Promise<EscalationDetail>;
  actOnEscalation(
    id: number,
    body: EscalationEventBody,
  ): Promise<{ duplicate: boolean; escalation: EscalationDetail }>;
}

export function createCasesApi(http: BackOfficeHttp): CasesApi {
  const get = <T>(path: string, schema: z.ZodType<T>) =>
    http.send({ method: 'GET', path }).then((response) => parse(response, schema, [200]));
  const post = <T>(path: string, body: unknown, schema: z.ZodType<T>) =>
    http.send({ method: 'POST', path, body }).then((response) => parse(response, schema, [200, 201]));
  return {
    me: () => get('/back-office/me', backOfficeMeSchema),
    list: (query) =>
      get(`/cases${queryString(query as Record<string, string | number | undefined>)}`, caseListSchema),
    get: (id) => get(`/cases/${id}`, caseDetailSchema),
    act: (id, body) => post(`/cases/${id}/events`, body, caseResultSchema),
    open: (body) => post('/cases', body, caseResultSchema),
    indicator: (range = {}) => get(`/cases/indicator${queryString(range)}`, indicatorSchema),
    users: () => get('/back-office/users', backOfficeUsersSchema).then((answer) => answer.users),
    async zoningWorkbook(month) {
      const response = await http.send({
        method: 'GET',
        path: `/cases/zonificacion.xlsx?month=${encodeURIComponent(month)}`,
      });
      if (response.status !== 200) await parse(response, backOfficeMeSchema, [200]);
      return response.body;
    },
    escalations: (query) =>
      get(
        `/escalations${queryString({ status: query.status, mine: query.mine ? 'true' : undefined })}`,
        escalationListSchema,
      ),
    escalation: (id) => get(`/escalations/${id}`, escalationDetailSchema),
    actOnEscalation: (id, body) => post(`/escalations/${id}/events`, body, escalationResultSchema),
  };
}
