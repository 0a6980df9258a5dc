import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportedPort } from '../../support/listening';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
export const PASSWORD = 'clave-de-prueba-1';

/** Back-office accounts the screens are tried with: username → name, account kind, case roles. */
export const PEOPLE = {
  rosa: { name: 'Rosa Rojas', role: 'backoffice', caseRoles: ['supervisor_rrss'] },
  jaime: { name: 'Jaime Jefe', role: 'backoffice', caseRoles: ['jefe_servicio'] },
  marta: { name: 'Marta Mesa', role: 'backoffice', caseRoles: ['mesa_clientes'] },
  rita: { name: 'Rita Red', role: 'backoffice', caseRoles: ['gestion_red'] },
  carla: { name: 'Carla Operaciones', role: 'backoffice', caseRoles: ['operaciones_comercial'] },
} as const;

/** A parsed JSON answer, read loosely by the test setup. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- setup code reads a few known fields
type Json = any;

export interface BackOffice {
  url: string;
  token(username: string, password?: string): Promise<string>;
  call(token: string, method: string, url: string, body?: unknown): Promise<{ status: number; json: Json }>;
  stop(): Promise<void>;
}

/**
 * The real server (embedded PGlite in a temp folder, demo accounts, sample directory), on the port
 * it binds itself (PORT=0, reported back: no port chosen first and bound later).
 */
export async function startBackOffice(): Promise<BackOffice> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-cases-e2e-'));
  const log: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SEED_DEMO: '1',
      SEED_DIRECTORY_CSV: path.join(ROOT, 'assets/sample-directory.csv'),
      MAIL_WORKER: '0',
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const port = await reportedPort(child, () => log.join('').slice(-2000));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.join('').slice(-2000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${log.join('').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const call = async (token: string, method: string, path_: string, body?: unknown) => {
    const response = await fetch(`${url}${path_}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
  const token = async (username: string, password = PASSWORD) => {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };
  return {
    url,
    token,
    call,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The people of PEOPLE, created by the demo admin, with their case roles. */
export async function createPeople(backOffice: BackOffice): Promise<void> {
  const admin = await backOffice.token('admin', 'companion-admin');
  for (const [username, person] of Object.entries(PEOPLE)) {
    const created = await backOffice.call(admin, 'POST', '/admin/users', {
      username,
      password: PASSWORD,
      role: person.role,
      displayName: person.name,
    });
    if (created.status !== 201)
      throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.json)}`);
    await backOffice.call(admin, 'PUT', `/admin/users/${username}/case-roles`, { roles: person.caseRoles });
  }
}

/** A ZB pop-up form from the demo agent, as the desk sends it. */
export async function zbForm(
  backOffice: BackOffice,
  customerCode: string,
  customerName: string,
): Promise<number> {
  const agent = await backOffice.token('agente', 'companion-agente');
  const answer = await backOffice.call(agent, 'POST', '/forms/batch', {
    forms: [
      {
        id: randomUUID(),
        formId: 'inactivo',
        customerCode,
        customerName,
        blockCodes: ['ZB'],
        agent: 'agente',
        createdAt: new Date().toISOString(),
        values: {
          contactName: customerName,
          rut: '12345678-5',
          contactPhone: '+56 9 8118 4107',
          altPhone: '2 2693 9901',
          addressReference: 'Portón verde frente a la escuela',
          observations: 'Cliente pide visita lo antes posible',
        },
      },
    ],
  });
  const result = answer.json.results[0];
  if (!result.case) throw new Error(`ZB form: ${JSON.stringify(answer.json)}`);
  return result.case.id as number;
}

/** The demo agent's "el cliente dice que ya le tomaron los datos": an escalation for the supervisors. */
export async function escalateDataAlreadyTaken(
  backOffice: BackOffice,
  customerCode: string,
  customerName: string,
): Promise<void> {
  const agent = await backOffice.token('agente', 'companion-agente');
  const answer = await backOffice.call(agent, 'POST', '/forms/batch', {
    forms: [
      {
        id: randomUUID(),
        formId: 'supervisor',
        customerCode,
        customerName,
        blockCodes: ['CL'],
        agent: 'agente',
        createdAt: new Date().toISOString(),
        supervisorReason: 'datos-ya-tomados',
        values: { observations: 'Dice que llamó ayer y le tomaron los datos' },
      },
    ],
  });
  if (answer.json?.accepted !== 1) throw new Error(`escalation form: ${JSON.stringify(answer.json)}`);
}

/**
 * An agent's form the server refuses (an invalid contact phone, as an older desk could send): its
 * reason goes to the supervisors' inbox. Returns the server's reason.
 */
export async function refusedForm(
  backOffice: BackOffice,
  customerCode: string,
  customerName: string,
): Promise<string> {
  const agent = await backOffice.token('agente', 'companion-agente');
  const answer = await backOffice.call(agent, 'POST', '/forms/batch', {
    forms: [
      {
        id: randomUUID(),
        formId: 'telecobranzas',
        customerCode,
        customerName,
        blockCodes: ['Z1'],
        agent: 'agente',
        createdAt: new Date().toISOString(),
        values: {
          contactName: 'Contacto',
          rut: '12.345.678-5',
          contactPhone: '123',
          contactEmail: '',
          contactSchedule: '',
          observations: '',
        },
      },
    ],
  });
  const reason = answer.json?.results?.[0]?.reason;
  if (answer.json?.rejected !== 1 || typeof reason !== 'string')
    throw new Error(`refused form: ${JSON.stringify(answer.json)}`);
  return reason;
}
