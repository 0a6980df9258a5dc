/**
 * Who sees the board and what. The roles are the server's account roles; back-office roles added
 * later join the lists here (data, not scattered checks).
 */
export const BOARD_ROLES: readonly string[] = ['supervisor', 'admin'];

/** Roles that see RUTs and phone numbers on the board and in its exports; the others get them masked. */
export const PERSONAL_DATA_ROLES: readonly string[] = ['admin'];

export function canOpenBoard(role: string | null | undefined): boolean {
  return role !== null && role !== undefined && BOARD_ROLES.includes(role);
}

export function seesPersonalData(role: string | null | undefined): boolean {
  return role !== null && role !== undefined && PERSONAL_DATA_ROLES.includes(role);
}

/** What part of the centre a board user sees: a supervisor their team, an admin everything. */
export type BoardScope = { kind: 'all' } | { kind: 'team'; teamId: number };

export function boardScope(user: { id: number; role: string }): BoardScope {
  return user.role === 'supervisor' ? { kind: 'team', teamId: user.id } : { kind: 'all' };
}
