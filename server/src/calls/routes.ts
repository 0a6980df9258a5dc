import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCalls, postCallsBatch } from '../../../shared/api/calls';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, findUserByUsername, visibilityFilter } from '../auth/users';
import type { RouteDeps } from '../http';
import { serve } from '../route';

interface CallRow {
  id: string;
  username: string;
  direction: 'entrante' | 'saliente';
  number: string;
  customer_code: string | null;
  started_at: Date;
  ended_at: Date | null;
  outcome: string;
}

export const callRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  serve(app, postCallsBatch, async (request) => {
    const user = currentUser(request);
    const calls = request.body.calls;
    const { rowCount } = await db.query(
      `INSERT INTO calls (id, agent_id, direction, number, customer_code, started_at, ended_at, outcome)
         SELECT x.id, $2, x.direction, x.number, x.customer_code, x.started_at, x.ended_at, x.outcome
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, direction text, number text, customer_code text,
                started_at timestamptz, ended_at timestamptz, outcome text)
         ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(
          calls.map((c) => ({
            id: c.id,
            direction: c.direction,
            number: c.number,
            customer_code: c.customerCode ?? null,
            started_at: c.startedAt,
            ended_at: c.endedAt ?? null,
            outcome: c.outcome,
          })),
        ),
        user.id,
      ],
    );
    return { accepted: rowCount, duplicate: calls.length - rowCount };
  });

  serve(app, getCalls, async (request, reply) => {
    const viewer = currentUser(request);
    const params: unknown[] = [];
    let where: string;
    if (request.query.agent) {
      const owner = await findUserByUsername(db, request.query.agent);
      if (!owner || !(await canRead(db, viewer, owner.id)))
        return sendError(reply, 403, 'No puede ver las llamadas de otro agente.');
      params.push(owner.id);
      where = 'c.agent_id = $1';
    } else {
      const filter = visibilityFilter(viewer, 'c.agent_id', 1);
      params.push(...filter.params);
      where = filter.sql;
    }
    params.push(request.query.limit);
    const { rows } = await db.query<CallRow>(
      `SELECT c.id, u.username, c.direction, c.number, c.customer_code, c.started_at, c.ended_at, c.outcome
           FROM calls c JOIN users u ON u.id = c.agent_id WHERE ${where} ORDER BY c.started_at DESC LIMIT $${params.length}`,
      params,
    );
    return {
      calls: rows.map((row) => ({
        id: row.id,
        agent: row.username,
        direction: row.direction,
        number: row.number,
        customerCode: row.customer_code,
        startedAt: row.started_at.toISOString(),
        endedAt: row.ended_at?.toISOString() ?? null,
        outcome: row.outcome,
      })),
    };
  });
};
