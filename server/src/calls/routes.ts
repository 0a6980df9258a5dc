import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCalls, postCallsBatch } from '../../../shared/api/calls';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, findUserByUsername, visibilityFilter } from '../auth/users';
import type { RouteDeps } from '../http';
import { batchAnswer, batchEnvelope } from '../batch';
import { serve } from '../route';
import { takeCalls } from './intake';

interface CallRow {
  id: string;
  username: string;
  direction: 'incoming' | 'outgoing';
  number: string | null;
  display_name: string | null;
  customer_code: string | null;
  block_codes: string[];
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  outcome: string;
  transfer_target: string | null;
}

export const callRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config }) => {
  serve(
    app,
    postCallsBatch,
    async (request, reply) => {
      const user = currentUser(request);
      const results = await takeCalls(db, user.id, (request.body as { calls: unknown[] }).calls);
      const { status, body } = batchAnswer(results);
      request.log.info(
        { accepted: body.accepted, duplicate: body.duplicate, rejected: body.rejected },
        'calls batch',
      );
      return reply.code(status).send(body);
    },
    {
      validatorCompiler: batchEnvelope('calls', config.maxBatch, 'llamadas'),
    },
  );

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
      `SELECT c.id, u.username, c.direction, c.number, c.display_name, c.customer_code, c.block_codes, c.started_at,
              c.answered_at, c.ended_at, c.outcome, c.transfer_target
         FROM calls c JOIN users u ON u.id = c.agent_id WHERE ${where} ORDER BY c.started_at DESC LIMIT $${params.length}`,
      params,
    );
    return {
      calls: rows.map((row) => ({
        id: row.id,
        agent: row.username,
        direction: row.direction,
        number: row.number,
        displayName: row.display_name,
        customerCode: row.customer_code,
        blockCodes: row.block_codes,
        startedAt: row.started_at.toISOString(),
        answeredAt: row.answered_at?.toISOString() ?? null,
        endedAt: row.ended_at?.toISOString() ?? null,
        outcome: row.outcome,
        transferTarget: row.transfer_target,
      })),
    };
  });
};
