import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Customer } from '../../shared/directory/customer';
import { MAILBOX_KEYS, type CaseRole } from '../../shared/procedures';
import type { CaseDetail } from '../../shared/api';
import { hashPassword } from '../src/auth/password';
import { issueToken } from '../src/auth/tokens';
import { saveMailbox } from '../src/cases/mailboxes';
import { setCaseRoles } from '../src/cases/roles';
import type { Db } from '../src/db/types';
import { auth, PASSWORD } from './harness';

/** Back-office accounts of the tests: username → display name and case roles. */
export const BACK_OFFICE = {
  rrss: { name: 'Rosa RRSS', roles: ['supervisor_rrss'] },
  jefe: { name: 'Jaime Jefe', roles: ['jefe_servicio'] },
  mesa: { name: 'Marta Mesa', roles: ['mesa_clientes'] },
  red: { name: 'Rita Red', roles: ['gestion_red'] },
  coc: { name: 'Carla COC', roles: ['operaciones_comercial'] },
  coz: { name: 'Zoe Zonal', roles: ['operaciones_zonal'] },
  asesora: { name: 'Ana Asesora', roles: ['atencion_cliente'] },
} satisfies Record<string, { name: string; roles: CaseRole[] }>;

export type BackOfficeTokens = Record<keyof typeof BACK_OFFICE, string>;

let sharedHash: Promise<string> | null = null;

/**
 * The back-office accounts, their roles, test mailboxes (`<key>@test.cl`), signed in. One password
 * hash for all and tokens issued directly: sign-in has its own tests, and scrypt for each of these
 * accounts would cost seconds on a loaded machine.
 */
export async function backOffice(db: Db, _app?: FastifyInstance): Promise<BackOfficeTokens> {
  sharedHash ??= hashPassword(PASSWORD);
  const hash = await sharedHash;
  const tokens: Record<string, string> = {};
  for (const [username, { name, roles }] of Object.entries(BACK_OFFICE) as Array<
    [string, { name: string; roles: CaseRole[] }]
  >) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, 'backoffice', $3) RETURNING id`,
      [username, name, hash],
    );
    await setCaseRoles(db, username, roles);
    tokens[username] = (await issueToken(db, rows[0]!.id, { ttlHours: 12, maxHours: 24 })).token;
  }
  for (const key of MAILBOX_KEYS) await saveMailbox(db, key, [`${key}@test.cl`]);
  return tokens as BackOfficeTokens;
}

export async function insertCustomer(
  db: Db,
  customer: Partial<Customer> & { codigo: string },
): Promise<void> {
  const data: Customer = {
    rut: '12345678-5',
    nombre: `Cliente ${customer.codigo}`,
    telefonos: ['+56912345678'],
    email: '',
    region: 'Metropolitana de Santiago',
    comuna: 'Ñuñoa',
    calle: 'Irarrázaval',
    numero: '1234',
    bloqueos: ['ZB'],
    codigoBloqueado: false,
    codigoNuevo: null,
    pedidoAbierto: null,
    addressKey: 'nunoa|1234',
    ...customer,
  };
  await db.query(
    `INSERT INTO customers (codigo, data, version, import_id) VALUES ($1, $2::jsonb, 1, 0)
     ON CONFLICT (codigo) DO UPDATE SET data = EXCLUDED.data`,
    [customer.codigo, JSON.stringify(data)],
  );
}

export interface Answer<T = CaseDetail> {
  status: number;
  body: { duplicate?: boolean; case?: T; message?: string; fieldErrors?: Record<string, string> } & Record<
    string,
    unknown
  >;
}

/** A back-office user working cases through the HTTP API. */
export class CaseDesk {
  constructor(
    private readonly app: FastifyInstance,
    readonly token: string,
  ) {}

  async get(id: number): Promise<CaseDetail> {
    const response = await this.app.inject({ method: 'GET', url: `/cases/${id}`, headers: auth(this.token) });
    if (response.statusCode !== 200)
      throw new Error(`GET /cases/${id}: ${response.statusCode} ${response.body}`);
    return response.json() as CaseDetail;
  }

  /** Takes `action` at the case's current version (or `version`), with a fresh client id unless given. */
  async act(
    id: number,
    action: string,
    data: Record<string, string> = {},
    options: { version?: number; clientId?: string } = {},
  ): Promise<Answer> {
    const version = options.version ?? (await this.get(id)).version;
    return this.post(id, {
      type: 'transition',
      clientId: options.clientId ?? randomUUID(),
      expectedVersion: version,
      action,
      data,
    });
  }

  async post(id: number, payload: unknown): Promise<Answer> {
    const response = await this.app.inject({
      method: 'POST',
      url: `/cases/${id}/events`,
      headers: auth(this.token),
      payload: payload as object,
    });
    return { status: response.statusCode, body: response.json() };
  }

  async open(
    procedure: string,
    opening: string,
    data: Record<string, string>,
    clientId = randomUUID(),
  ): Promise<Answer> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/cases',
      headers: auth(this.token),
      payload: { clientId, procedure, opening, data },
    });
    return { status: response.statusCode, body: response.json() };
  }

  async list(query = ''): Promise<{
    cases: Array<{ id: number; overdue: boolean; step: string | null }>;
    counts: Record<string, number>;
    nextCursor: string | null;
  }> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/cases${query}`,
      headers: auth(this.token),
    });
    if (response.statusCode !== 200)
      throw new Error(`GET /cases${query}: ${response.statusCode} ${response.body}`);
    return response.json();
  }
}

/** Fails with the server's message when the answer is not a success. */
export function ok(answer: Answer): CaseDetail {
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(
      `${answer.status}: ${answer.body.message ?? ''} ${JSON.stringify(answer.body.fieldErrors ?? {})}`,
    );
  }
  return answer.body.case!;
}
