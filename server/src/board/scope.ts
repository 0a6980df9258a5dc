import { addDays } from '../../../shared/calendar';
import { boardScope } from '../../../shared/board/access';
import { BOARD_MAX_DAYS, type BoardFilters, type ResolvedFilters } from '../../../shared/api/board';
import type { User } from '../auth/users';
import type { Queryable } from '../db/types';

/** The filters as SQL parameters: ids instead of usernames, the viewer's scope applied. */
export interface BoardQuery {
  filters: ResolvedFilters;
  /** Stored team of the rows (0 = no team), or null for every team. */
  teamId: number | null;
  agentId: number | null;
  /** Today in the contact centre (overdue tickets). */
  today: string;
  /** The server's clock now (overdue cases: their deadline is an instant). */
  now: Date;
}

export class BoardFilterError extends Error {
  constructor(
    readonly statusCode: 400 | 403,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_DAYS = 30;

export function defaultRange(today: string): { from: string; to: string } {
  return { from: addDays(today, -(DEFAULT_DAYS - 1)), to: today };
}

async function userId(db: Queryable, username: string, role?: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number; role: string }>(
    'SELECT id, role FROM users WHERE username = $1',
    [username],
  );
  const row = rows[0];
  if (!row || (role && row.role !== role)) return null;
  return row.id;
}

/**
 * Resolves a viewer's filters: defaults (the last 30 days), the range limit, usernames to ids, and
 * the scope — a supervisor sees their own team only, whatever they ask.
 */
export async function resolveFilters(
  db: Queryable,
  viewer: Pick<User, 'id' | 'role' | 'username'>,
  filters: BoardFilters,
  today: string,
  now: Date,
): Promise<BoardQuery> {
  const range = defaultRange(today);
  const from = filters.from ?? (filters.to ? addDays(filters.to, -(DEFAULT_DAYS - 1)) : range.from);
  const to = filters.to ?? (filters.from && filters.from > range.to ? filters.from : range.to);
  if (from > to) throw new BoardFilterError(400, 'La fecha «desde» es posterior a la fecha «hasta».');
  if (addDays(from, BOARD_MAX_DAYS - 1) < to)
    throw new BoardFilterError(400, `El rango de fechas no puede superar ${BOARD_MAX_DAYS} días.`);

  const scope = boardScope(viewer);
  let team = filters.team ?? null;
  let teamId: number | null = null;
  if (scope.kind === 'team') {
    if (team && team !== viewer.username)
      throw new BoardFilterError(403, 'Solo puede ver las cifras de su propio equipo.');
    team = viewer.username;
    teamId = scope.teamId;
  } else if (team) {
    teamId = await userId(db, team, 'supervisor');
    if (teamId === null) throw new BoardFilterError(400, `No existe el equipo «${team}».`);
  }

  const agent = filters.agent ?? null;
  let agentId: number | null = null;
  if (agent) {
    agentId = await userId(db, agent);
    if (agentId === null) throw new BoardFilterError(400, `No existe el usuario «${agent}».`);
  }

  return {
    filters: {
      from,
      to,
      team,
      agent,
      block: filters.block ?? null,
      formType: filters.formType ?? null,
      ticketType: filters.ticketType ?? null,
      procedure: filters.procedure ?? null,
    },
    teamId,
    agentId,
    today,
    now,
  };
}
