import type { z } from 'zod';
import { postLogin } from '../../../../shared/api/auth';
import {
  buildRequest,
  type Endpoint,
  type EndpointSpec,
  type RequestInput,
} from '../../../../shared/api/endpoint';
import { getEscalations, type Escalation, type EscalationKind } from '../../../../shared/api/escalations';
import { getForms, type formSummarySchema } from '../../../../shared/api/forms';
import { getTickets, type ApiTicket } from '../../../../shared/api/tickets';

/** A form as the back office's staff sees it (GET /forms): what was stored, and its mail. */
export type StoredForm = z.infer<typeof formSummarySchema>;

export const DEMO = {
  admin: { username: 'admin', password: 'companion-admin' },
  supervisor: { username: 'supervisor', password: 'companion-supervisor' },
  agent: { username: 'agente', password: 'companion-agente' },
} as const;

export const MAIL_DOMAIN = 'companion.backoffice.example';

export async function login(serverUrl: string, username: string, password: string): Promise<string> {
  const request = buildRequest(postLogin, { body: { username, password } });
  const response = await fetch(`${serverUrl}${request.path}`, {
    method: request.method,
    headers: { 'content-type': 'application/json' },
    body: request.body,
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return postLogin.responses[200].parse(await response.json()).token;
}

/** A GET of shared/api as `token`'s account, its 200 answer parsed with the contract. */
async function getAs<S extends EndpointSpec & { responses: { 200: z.ZodType } }>(
  serverUrl: string,
  token: string,
  endpoint: Endpoint<S>,
  input: RequestInput<S>,
): Promise<z.output<S['responses'][200]>> {
  const request = buildRequest(endpoint, input);
  const response = await fetch(`${serverUrl}${request.path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new Error(`${endpoint.method} ${endpoint.path}: ${response.status} ${await response.text()}`);
  return endpoint.responses[200].parse(await response.json()) as z.output<S['responses'][200]>;
}

/** Every form the server holds (the admin sees all); refuses to guess beyond one page. */
export async function storedForms(serverUrl: string, adminToken: string): Promise<StoredForm[]> {
  const { forms } = await getAs(serverUrl, adminToken, getForms, { query: { limit: 500 } });
  if (forms.length >= 500)
    throw new Error('more than one page of forms: keep each test file under 500 forms');
  return forms;
}

export function messageIdOf(form: Pick<StoredForm, 'id' | 'routeKey'>): string {
  return `<form-${form.id}.${form.routeKey.toLowerCase()}@${MAIL_DOMAIN}>`;
}

export async function revoke(serverUrl: string, token: string): Promise<void> {
  await fetch(`${serverUrl}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
}

/** A customer's tickets as the back office holds them (GET /tickets). */
export async function customerTickets(
  serverUrl: string,
  token: string,
  customerCode: string,
): Promise<ApiTicket[]> {
  return (await getAs(serverUrl, token, getTickets, { query: { customerCode } })).tickets;
}

/** The open items of a kind in the escalations inbox as `token`'s account sees it (GET /escalations). */
export async function openEscalations(
  serverUrl: string,
  token: string,
  kind: EscalationKind,
): Promise<Escalation[]> {
  return (await getAs(serverUrl, token, getEscalations, { query: { kind } })).escalations;
}
