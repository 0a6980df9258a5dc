import { CASE_ROLE_IDS, isCaseRole, type CaseRole } from '../../../shared/procedures';
import { UserError } from '../auth/users';
import type { Db, Queryable } from '../db/types';

/**
 * Case roles per account, kept a few seconds per process (every case request needs them; a
 * change made on one process reaches the others within `ttlMs`, like the routing table).
 */
export class CaseRoleCache {
  private readonly entries = new Map<number, { roles: CaseRole[]; until: number }>();

  constructor(private readonly ttlMs = 5000) {}

  async get(db: Queryable, userId: number): Promise<CaseRole[]> {
    const entry = this.entries.get(userId);
    if (entry && entry.until > Date.now()) return entry.roles;
    const roles = await loadCaseRoles(db, userId);
    if (this.ttlMs > 0) {
      if (this.entries.size > 10_000) this.entries.clear();
      this.entries.set(userId, { roles, until: Date.now() + this.ttlMs });
    }
    return roles;
  }

  invalidate(userId?: number): void {
    if (userId === undefined) this.entries.clear();
    else this.entries.delete(userId);
  }
}

export async function loadCaseRoles(db: Queryable, userId: number): Promise<CaseRole[]> {
  const { rows } = await db.query<{ role: string }>(
    'SELECT role FROM user_case_roles WHERE user_id = $1 ORDER BY role',
    [userId],
  );
  return rows.map((row) => row.role).filter(isCaseRole);
}

/** "gestion_red, mesa_clientes" → checked list; a Spanish message names the wrong one. */
export function parseCaseRoles(text: string): CaseRole[] {
  const roles = text
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const wrong = roles.filter((role) => !isCaseRole(role));
  if (wrong.length > 0)
    throw new UserError(`Rol de caso inválido «${wrong.join(', ')}»: use ${CASE_ROLE_IDS.join(', ')}.`);
  return [...new Set(roles)] as CaseRole[];
}

/** The account does not exist (404 for the admin API). */
export class NoSuchUserError extends UserError {}

/** Replaces the case roles of `username` (an agent cannot have any: agents see no cases). */
export async function setCaseRoles(db: Db, username: string, roles: CaseRole[]): Promise<CaseRole[]> {
  const { rows } = await db.query<{ id: number; role: string }>(
    'SELECT id, role FROM users WHERE username = $1',
    [username.trim().toLowerCase()],
  );
  const user = rows[0];
  if (!user) throw new NoSuchUserError(`No existe el usuario «${username}».`);
  if (user.role === 'agent' && roles.length > 0)
    throw new UserError(
      'Un agente no tiene roles de back office: cree una cuenta «backoffice» o «supervisor».',
    );
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM user_case_roles WHERE user_id = $1', [user.id]);
    await tx.query(
      'INSERT INTO user_case_roles (user_id, role) SELECT $1, r FROM jsonb_array_elements_text($2::jsonb) AS r',
      [user.id, JSON.stringify(roles)],
    );
  });
  return roles;
}

export interface BackOfficeUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  caseRoles: CaseRole[];
}

/** Accounts a case or an escalation can be assigned to (every non-agent, enabled account). */
export async function listBackOfficeUsers(db: Queryable): Promise<BackOfficeUser[]> {
  const { rows } = await db.query<{
    id: number;
    username: string;
    display_name: string;
    role: string;
    roles: string[];
  }>(
    `SELECT u.id, u.username, u.display_name, u.role,
            ARRAY(SELECT r.role FROM user_case_roles r WHERE r.user_id = u.id ORDER BY r.role) AS roles
       FROM users u WHERE u.role <> 'agent' AND NOT u.disabled ORDER BY u.display_name, u.username`,
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    caseRoles: row.roles.filter(isCaseRole),
  }));
}
