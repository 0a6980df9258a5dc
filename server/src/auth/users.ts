import type { Role } from '../../../shared/api/roles';
import type { Queryable } from '../db/types';
import { hashPassword } from './password';

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  supervisorId: number | null;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  email: string;
  role: Role;
  supervisor_id: number | null;
}

export const USER_COLUMNS = 'u.id, u.username, u.display_name, u.email, u.role, u.supervisor_id';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    supervisorId: row.supervisor_id,
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

export class UserError extends Error {}

export async function createUser(db: Queryable, input: NewUser): Promise<User> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{2,64}$/.test(username))
    throw new UserError('Nombre de usuario inválido: use 2 a 64 letras, números, ".", "_" o "-".');
  if (input.password.length < 8) throw new UserError('La contraseña debe tener al menos 8 caracteres.');
  let supervisorId: number | null = null;
  if (input.supervisor) {
    const supervisor = await findUserByUsername(db, input.supervisor);
    if (!supervisor || supervisor.role !== 'supervisor')
      throw new UserError(`No existe el supervisor «${input.supervisor}».`);
    supervisorId = supervisor.id;
  }
  const existing = await findUserByUsername(db, username);
  if (existing) throw new UserError(`El usuario «${username}» ya existe.`);
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

export async function setPassword(db: Queryable, username: string, password: string): Promise<void> {
  if (password.length < 8) throw new UserError('La contraseña debe tener al menos 8 caracteres.');
  const { rowCount } = await db.query('UPDATE users SET password_hash = $2 WHERE username = $1', [
    username.trim().toLowerCase(),
    await hashPassword(password),
  ]);
  if (rowCount === 0) throw new UserError(`No existe el usuario «${username}».`);
  // A new password ends every open session of that account.
  await db.query('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1)', [
    username.trim().toLowerCase(),
  ]);
}

export async function findUserByUsername(
  db: Queryable,
  username: string,
): Promise<(User & { passwordHash: string; disabled: boolean }) | null> {
  const { rows } = await db.query<UserRow & { password_hash: string; disabled: boolean }>(
    `SELECT ${USER_COLUMNS}, u.password_hash, u.disabled FROM users u WHERE u.username = $1`,
    [username.trim().toLowerCase()],
  );
  const row = rows[0];
  return row ? { ...toUser(row), passwordHash: row.password_hash, disabled: row.disabled } : null;
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
