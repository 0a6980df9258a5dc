import type { Role } from '../api/roles';

/**
 * Who sees the board and what. The roles are the server's account roles; back-office roles added
 * later join the lists here (data, not scattered checks).
 */
export const BOARD_ROLES = ['supervisor', 'admin'] as const satisfies readonly Role[];

/** Roles that see RUTs and phone numbers on the board and in its exports; the others get them masked. */
const PERSONAL_DATA_ROLES: readonly Role[] = ['admin'];

const isOneOf = (roles: readonly string[], role: string | null | undefined): boolean =>
  role !== null && role !== undefined && roles.includes(role);

export function canOpenBoard(role: string | null | undefined): boolean {
  return isOneOf(BOARD_ROLES, role);
}

export function seesPersonalData(role: string | null | undefined): boolean {
  return isOneOf(PERSONAL_DATA_ROLES, role);
}

/** What part of the centre a board user sees: a supervisor their team, an admin everything. */
export type BoardScope = { kind: 'all' } | { kind: 'team'; teamId: number };

export function boardScope(user: { id: number; role: string }): BoardScope {
  return user.role === 'supervisor' ? { kind: 'team', teamId: user.id } : { kind: 'all' };
}
