import type { Role } from '../../../shared/api/roles';
import { MIN_PASSWORD_LENGTH } from '../../../shared/api/auth';
import type { Queryable } from '../db/types';
import { hashPassword } from './password';

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  supervisorId: number | null;
  /** Cannot sign in; its sessions were ended when it was disabled. */
  disabled: boolean;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  email: string;
  role: Role;
  supervisor_id: number | null;
  disabled: boolean;
}

export const USER_COLUMNS = 'u.id, u.username, u.display_name, u.email, u.role, u.supervisor_id, u.disabled';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    supervisorId: row.supervisor_id,
    disabled: row.disabled,
  };
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  email?: string;
  /** Username of the agent's supervisor. */
  supervisor?: string;
}

/** A refusal in Spanish, with the HTTP status it maps to (400 invalid, 404 unknown, 409 conflict). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

export async function createUser(db: Queryable, input: NewUser): Promise<User> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{2,64}$/.test(username))
    throw new UserError('Nombre de usuario inválido: use 2 a 64 letras, números, ".", "_" o "-".');
  checkPassword(input.password);
  let supervisorId: number | null = null;
  if (input.supervisor) {
    const supervisor = await findUserByUsername(db, input.supervisor);
    if (!supervisor || supervisor.role !== 'supervisor')
      throw new UserError(`No existe el supervisor «${input.supervisor}».`);
    supervisorId = supervisor.id;
  }
  const existing = await findUserByUsername(db, username);
  if (existing) throw new UserError(`El usuario «${username}» ya existe.`, 409);
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users AS u (username, display_name, email, role, supervisor_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
    [
      username,
      input.displayName?.trim() || username,
      input.email?.trim() ?? '',
      input.role,
      supervisorId,
      await hashPassword(input.password),
    ],
  );
  return toUser(rows[0]!);
}

function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new UserError(`La contraseña debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres.`);
}

/** A new password; every open session of that account ends (but `keepSession`, a token hash). */
export async function setPassword(
  db: Queryable,
  username: string,
  password: string,
  keepSession: string | null = null,
): Promise<User> {
  checkPassword(password);
  const hash = await hashPassword(password);
  const { rows } = await db.query<UserRow>(
    `UPDATE users u SET password_hash = $2 WHERE u.username = $1 RETURNING ${USER_COLUMNS}`,
    [username.trim().toLowerCase(), hash],
  );
  if (!rows[0]) throw new UserError(`No existe el usuario «${username}».`, 404);
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
    rows[0].id,
    keepSession,
  ]);
  return toUser(rows[0]);
}

/**
 * Disables (its sessions end at once) or enables an account. The last enabled admin cannot be
 * disabled: nobody could enable anyone again without the database.
 */
export async function setDisabled(db: Queryable, username: string, disabled: boolean): Promise<User> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new UserError(`No existe el usuario «${username}».`, 404);
  if (disabled && user.role === 'admin' && !user.disabled) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`,
      [user.id],
    );
    if (rows[0]!.n === 0)
      throw new UserError(
        'No se puede desactivar al último administrador activo: cree o active otro primero.',
        409,
      );
  }
  const { rows } = await db.query<UserRow>(
    `UPDATE users u SET disabled = $2 WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
    [user.id, disabled],
  );
  if (disabled) await db.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
  return toUser(rows[0]!);
}

export async function findUserByUsername(
  db: Queryable,
  username: string,
): Promise<(User & { passwordHash: string }) | null> {
  const { rows } = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = $1`,
    [username.trim().toLowerCase()],
  );
  const row = rows[0];
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function findUserById(db: Queryable, id: number): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.username`);
  return rows.map(toUser);
}

/** Users whose forms and calls `viewer` may read: self; a supervisor's team; everyone for an admin. */
export function visibilityFilter(
  viewer: User,
  column: string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  if (viewer.role === 'admin') return { sql: 'true', params: [] };
  if (viewer.role === 'supervisor') {
    return {
      sql: `(${column} = $${firstParam} OR ${column} IN (SELECT id FROM users WHERE supervisor_id = $${firstParam}))`,
      params: [viewer.id],
    };
  }
  return { sql: `${column} = $${firstParam}`, params: [viewer.id] };
}

/** True when `viewer` may read what `ownerId` owns. */
export async function canRead(db: Queryable, viewer: User, ownerId: number): Promise<boolean> {
  if (viewer.role === 'admin' || viewer.id === ownerId) return true;
  if (viewer.role !== 'supervisor') return false;
  const owner = await findUserById(db, ownerId);
  return owner?.supervisorId === viewer.id;
}
