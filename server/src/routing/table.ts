import type { Queryable } from '../db/types';
import type { RouteKey } from '../../../shared/api/routing';

export interface Route {
  key: RouteKey;
  areaId: string;
  recipients: string[];
  toSupervisor: boolean;
  createsTicket: boolean;
}

interface RouteRow {
  key: RouteKey;
  area_id: string;
  recipients: string[];
  to_supervisor: boolean;
  creates_ticket: boolean;
}

const toRoute = (row: RouteRow): Route => ({
  key: row.key,
  areaId: row.area_id,
  recipients: row.recipients,
  toSupervisor: row.to_supervisor,
  createsTicket: row.creates_ticket,
});

export async function loadRoutes(db: Queryable): Promise<Map<RouteKey, Route>> {
  const { rows } = await db.query<RouteRow>(
    'SELECT key, area_id, recipients, to_supervisor, creates_ticket FROM routes',
  );
  return new Map(rows.map((row) => [row.key, toRoute(row)]));
}

export async function saveRoute(db: Queryable, route: Route): Promise<Route> {
  const { rows } = await db.query<RouteRow>(
    `INSERT INTO routes (key, area_id, recipients, to_supervisor, creates_ticket, updated_at)
     SELECT $1, $2, ARRAY(SELECT jsonb_array_elements_text($3::jsonb)), $4, $5, now()
     ON CONFLICT (key) DO UPDATE SET area_id = EXCLUDED.area_id, recipients = EXCLUDED.recipients,
       to_supervisor = EXCLUDED.to_supervisor, creates_ticket = EXCLUDED.creates_ticket, updated_at = now()
     RETURNING key, area_id, recipients, to_supervisor, creates_ticket`,
    [route.key, route.areaId, JSON.stringify(route.recipients), route.toSupervisor, route.createsTicket],
  );
  return toRoute(rows[0]!);
}

/**
 * Routes change rarely and every form needs them: each process keeps them for a few seconds,
 * so a change made on one process reaches the others within `ttlMs`.
 */
export class RouteCache {
  private cached: { at: number; routes: Map<RouteKey, Route> } | null = null;

  constructor(private readonly ttlMs = 5000) {}

  async get(db: Queryable): Promise<Map<RouteKey, Route>> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.routes;
    const routes = await loadRoutes(db);
    this.cached = { at: now, routes };
    return routes;
  }

  invalidate(): void {
    this.cached = null;
  }
}
