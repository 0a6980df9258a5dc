import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FormSubmission } from '../../shared/forms/submission';
import { buildApp } from '../src/app';
import { createUser } from '../src/auth/users';
import { loadConfig, type ServerConfig } from '../src/config';
import type { Db } from '../src/db/types';
import { MailWorker } from '../src/mail/worker';
import { createSmtpTransport } from '../src/mail/transport';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...loadConfig({}),
    databaseUrl: null,
    seedDemo: false,
    mailWorker: false,
    mailBackoffBaseMs: 20,
    mailBackoffMaxMs: 200,
    mailDomain: 'test.companion',
    rateLimitMax: 100_000,
    rateLimitIpMax: 1_000_000,
    authFailuresMax: 100_000,
    // Tests change sessions behind the app's back; the cache has its own test.
    authCacheMs: 0,
    ...overrides,
  };
}

export interface Team {
  admin: string;
  supervisor: string;
  otherSupervisor: string;
  /** In `supervisor`'s team. */
  agent: string;
  /** In `otherSupervisor`'s team. */
  otherAgent: string;
}

export const PASSWORD = 'secreto-de-prueba';

/** Accounts: an admin, two supervisors each with one agent. */
export async function createTeam(db: Db): Promise<void> {
  await createUser(db, { username: 'admin', password: PASSWORD, role: 'admin' });
  await createUser(db, {
    username: 'sup1',
    password: PASSWORD,
    role: 'supervisor',
    email: 'sup1@test.cl',
    displayName: 'Supervisora Uno',
  });
  await createUser(db, { username: 'sup2', password: PASSWORD, role: 'supervisor', email: 'sup2@test.cl' });
  await createUser(db, {
    username: 'ana',
    password: PASSWORD,
    role: 'agent',
    supervisor: 'sup1',
    displayName: 'Ana Pérez',
  });
  await createUser(db, {
    username: 'beto',
    password: PASSWORD,
    role: 'agent',
    supervisor: 'sup2',
    displayName: 'Beto Soto',
  });
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
  if (response.statusCode !== 200)
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return response.json().token as string;
}

export async function signInTeam(app: FastifyInstance): Promise<Team> {
  const [admin, supervisor, otherSupervisor, agent, otherAgent] = await Promise.all(
    ['admin', 'sup1', 'sup2', 'ana', 'beto'].map((u) => login(app, u)),
  );
  return {
    admin: admin!,
    supervisor: supervisor!,
    otherSupervisor: otherSupervisor!,
    agent: agent!,
    otherAgent: otherAgent!,
  };
}

export function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

export interface Started {
  db: Db;
  app: FastifyInstance;
  team: Team;
  config: ServerConfig;
  close(): Promise<void>;
}

/** A migrated database with the team, and the app on it (inject only, no port). */
export async function startApp(
  db: Db,
  overrides: Partial<ServerConfig> = {},
  extra: { now?: () => Date } = {},
): Promise<Started> {
  const config = testConfig(overrides);
  await createTeam(db);
  const app = await buildApp({ db, config, logger: false, now: extra.now });
  const team = await signInTeam(app);
  return {
    db,
    app,
    team,
    config,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export function mailWorker(
  db: Db,
  smtpUrl: string,
  overrides: Partial<ConstructorParameters<typeof MailWorker>[2]> = {},
): MailWorker {
  return new MailWorker(db, () => createSmtpTransport(smtpUrl), {
    from: 'Companion <companion@test.companion>',
    batch: 10,
    pollMs: 20,
    backoffBaseMs: 20,
    backoffMaxMs: 100,
    ...overrides,
  });
}

/** Sends everything due once, then closes the SMTP connections. */
export async function drain(db: Db, smtpUrl: string): Promise<void> {
  const worker = mailWorker(db, smtpUrl);
  await worker.drain();
  await worker.stop();
}

const VALUES: Record<FormSubmission['formId'], Record<string, string>> = {
  telecobranzas: {
    contactName: 'María González',
    rut: '12.345.678-5',
    contactPhone: '+56 9 1234 5678',
    contactEmail: 'maria@correo.cl',
    contactSchedule: 'tarde',
    observations: '',
  },
  certificacion: { contactName: 'María González', rut: '12345678-5', contactPhone: '912345678' },
  visitaInstalacion: {
    contactName: 'María González',
    rut: '12345678-5',
    contactPhone: '912345678',
    addressReference: 'Casa azul, portón negro',
  },
  tanqueRetirado: { contactName: 'María González', rut: '12345678-5', contactPhone: '912345678' },
  sinConsumo: {
    contactName: 'María González',
    rut: '12345678-5',
    contactPhone: '912345678',
    addressReference: 'Frente a la plaza',
  },
  inactivo: {
    contactName: 'María González',
    rut: '12345678-5',
    contactPhone: '912345678',
    altPhone: '226939901',
    addressReference: 'Entre Los Aromos y Las Lilas',
  },
  ticketBloqueo: {
    contactName: 'María González',
    contactEmail: 'maria@correo.cl',
    contactPhone: '912345678',
    rut: '12345678-5',
    observations: 'Regulador fuera de norma',
  },
  supervisor: { observations: 'El cliente dice que ya le tomaron los datos' },
  postventa: {
    contactName: 'María González',
    contactEmail: 'maria@correo.cl',
    contactPhone: '912345678',
    rut: '12345678-5',
    observations: 'El camión llegó sin gas',
  },
  postventaMotivo: {
    contactName: 'María González',
    contactEmail: 'maria@correo.cl',
    contactPhone: '912345678',
    rut: '12345678-5',
    observations: 'Pide que el técnico avise antes de llegar',
  },
  trasvasije: { contactName: 'María González', contactPhone: '912345678', orderNumber: '4500012' },
  nota: { observations: 'El cliente llamó de nuevo: prefiere que lo llamen en la mañana' },
};

const BLOCKS: Record<FormSubmission['formId'], string[]> = {
  telecobranzas: ['Z1'],
  certificacion: ['Z0'],
  visitaInstalacion: ['ZA'],
  tanqueRetirado: ['Z5'],
  sinConsumo: ['Z9'],
  inactivo: ['ZB'],
  ticketBloqueo: ['Z4'],
  supervisor: ['Z1'],
  postventa: [],
  postventaMotivo: [],
  trasvasije: [],
  nota: ['Z1'],
};

const REQUIREMENTS: Partial<Record<FormSubmission['formId'], FormSubmission['requirement']>> = {
  postventa: { typeId: 'servicio.abastecen-menos.camion-sin-gas' },
  postventaMotivo: { typeId: 'servicio.otros' },
  trasvasije: {
    typeId: 'pagos.trasvasije',
    relatedTicketId: 'PV-0000001',
    walkthrough: { steps: ['a', 'b', 'c', 'd'], mailboxGiven: 'devoluciones@empresa.cl' },
  },
};

/** A valid form as the app queues it. */
export function form(
  formId: FormSubmission['formId'] = 'telecobranzas',
  overrides: Partial<FormSubmission> = {},
): FormSubmission {
  return {
    id: randomUUID(),
    formId,
    customerCode: '100234',
    customerName: 'María González',
    blockCodes: BLOCKS[formId],
    agent: 'ana',
    createdAt: '2026-11-26T12:30:00-03:00',
    values: { ...VALUES[formId] },
    ...(formId === 'supervisor' ? { supervisorReason: 'datos-ya-tomados' as const } : {}),
    ...(REQUIREMENTS[formId] ? { requirement: REQUIREMENTS[formId] } : {}),
    ...(formId === 'nota' ? { context: { relatedFormId: randomUUID() } } : {}),
    ...overrides,
  };
}

export async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
  return rows[0]!.n;
}
