import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableString } from '../../../shared/text/storable';
import { plausibleTimestamp } from '../../../shared/validation/dates';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, findUserByUsername, visibilityFilter } from '../auth/users';
import { bearer, errorResponses, type RouteDeps } from '../http';

/** A call as the desktop logs it (telephony issue); the id is the client's, so resends are harmless. */
const callSchema = z
  .strictObject({
    id: z.uuid(),
    direction: z.enum(['entrante', 'saliente']),
    number: storableString().trim().min(1).max(32),
    customerCode: storableString().trim().max(20).optional(),
    startedAt: plausibleTimestamp(),
    endedAt: plausibleTimestamp().optional(),
    outcome: storableString().max(200).default(''),
  })
  .meta({ id: 'Call' });

const callOutSchema = z.object({
  id: z.string(),
  agent: z.string(),
  direction: z.enum(['entrante', 'saliente']),
  number: z.string(),
  customerCode: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: z.string(),
});

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
  app.post('/calls/batch', {
    schema: {
      tags: ['calls'],
      summary: 'Registra llamadas del agente (idempotente por id)',
      security: bearer,
      body: z.strictObject({ calls: z.array(callSchema).min(1).max(500) }),
      response: { 200: z.object({ accepted: z.number(), duplicate: z.number() }), ...errorResponses },
    },
    handler: async (request) => {
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
    },
  });

  app.get('/calls', {
    schema: {
      tags: ['calls'],
      summary: 'Llamadas visibles: las propias; las del equipo para un supervisor',
      security: bearer,
      querystring: z.strictObject({
        agent: storableString().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ calls: z.array(callOutSchema) }), ...errorResponses },
    },
    handler: async (request, reply) => {
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
    },
  });
};
