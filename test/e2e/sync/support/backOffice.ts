/** The back office as its staff sees it: what was stored, and its mail, read over its API. */
export interface StoredForm {
  id: string;
  formId: string;
  customerCode: string;
  agent: string;
  submittedBy: string;
  routeKey: string;
  createdAt: string;
  /** The server's clock when it stored the form. */
  receivedAt: string;
  mail: { status: 'pending' | 'sent'; attempts: number; sentAt: string | null } | null;
}

export const DEMO = {
  admin: { username: 'admin', password: 'companion-admin' },
  supervisor: { username: 'supervisor', password: 'companion-supervisor' },
  agent: { username: 'agente', password: 'companion-agente' },
} as const;

export const MAIL_DOMAIN = 'companion.backoffice.example';

export async function login(serverUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${serverUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Every form the server holds (the admin sees all); refuses to guess beyond one page. */
export async function storedForms(serverUrl: string, adminToken: string): Promise<StoredForm[]> {
  const response = await fetch(`${serverUrl}/forms?limit=500`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!response.ok) throw new Error(`GET /forms: ${response.status} ${await response.text()}`);
  const { forms } = (await response.json()) as { forms: StoredForm[] };
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
