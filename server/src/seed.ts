import { createReadStream } from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from './db/types';
import { importDirectory } from './directory/import';
import { seedSampleTickets } from './tickets/sample';
import { verifyPassword } from './auth/password';
import { createUser, findUserByUsername } from './auth/users';

/** Demo accounts of the embedded default, so a fresh desktop can sign in out of the box. */
export const DEMO_USERS = [
  {
    username: 'admin',
    password: 'companion-admin',
    role: 'admin',
    displayName: 'Administrador demo',
    email: 'admin@backoffice.example',
  },
  {
    username: 'supervisor',
    password: 'companion-supervisor',
    role: 'supervisor',
    displayName: 'Supervisora demo',
    email: 'supervisor@backoffice.example',
  },
  {
    username: 'agente',
    password: 'companion-agente',
    role: 'agent',
    displayName: 'Agente demo',
    email: 'agente@backoffice.example',
    supervisor: 'supervisor',
  },
] as const;

/**
 * Only into an empty database: never touches one that already has users. The passwords are in
 * server/README.md, never in the log.
 */
export async function seedDemo(db: Db, log: Logger, directoryCsv: string | null): Promise<boolean> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM users');
  if (rows[0]!.count > 0) return false;
  for (const user of DEMO_USERS) await createUser(db, { ...user });
  log.warn(
    { users: DEMO_USERS.map(({ username, role }) => ({ username, role })) },
    'empty database: demo accounts created with the passwords in server/README.md (served on loopback only; change them with server:admin set-password)',
  );
  log.info({ tickets: await seedSampleTickets(db) }, 'demo tickets created');
  if (directoryCsv) {
    const result = await importDirectory(db, createReadStream(directoryCsv), {
      mode: 'upsert',
      userId: null,
    });
    log.info(
      { file: directoryCsv, imported: result.imported, errors: result.errorCount },
      'demo directory imported',
    );
  }
  return true;
}

/** Enabled demo accounts that still have their published password: never to be served beyond loopback. */
export async function demoAccountsWithKnownPasswords(db: Db): Promise<string[]> {
  const known: string[] = [];
  for (const demo of DEMO_USERS) {
    const user = await findUserByUsername(db, demo.username);
    if (user && !user.disabled && (await verifyPassword(demo.password, user.passwordHash)))
      known.push(demo.username);
  }
  return known;
}
