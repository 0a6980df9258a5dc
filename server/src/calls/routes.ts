import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALL_RECORD_OUTCOMES, callRecordSchema } from '../../../shared/telephony/callRecord';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, findUserByUsername, visibilityFilter } from '../auth/users';
import { bearer, errorResponses, type RouteDeps } from '../http';
import { takeCalls } from './intake';

const itemResultSchema = z.object({
  id: z.string().nullable(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
const batchResponseSchema = z.object({
  results: z.array(itemResultSchema),
  accepted: z.number(),
  duplicate: z.number(),
  rejected: z.number(),
});

const callOutSchema = z.object({
  id: z.string(),
  agent: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  number: z.string().nullable(),
  displayName: z.string().nullable(),
  customerCode: z.string().nullable(),
  blockCodes: z.array(z.string()),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  outcome: z.enum(CALL_RECORD_OUTCOMES).or(z.string()),
  transferTarget: z.string().nullable(),
});

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
  const envelope = z.strictObject({
    calls: z
      .array(z.unknown())
      .min(1, 'El lote está vacío.')
      .max(config.maxBatch, `Máximo ${config.maxBatch} llamadas por lote.`),
  });

  app.post('/calls/batch', {
    schema: {
      tags: ['calls'],
      summary: 'Registro de llamadas del escritorio (idempotente por agente e id de llamada)',
      description:
        'Cada llamada se valida por separado con el esquema compartido (shared/telephony/callRecord.ts). 200: ninguna rechazada; 207: algunas; 422: todas. Reenviar una llamada ya guardada responde duplicate.',
      security: bearer,
      body: z.strictObject({ calls: z.array(callRecordSchema).min(1).max(config.maxBatch) }),
      response: {
        200: batchResponseSchema,
        207: batchResponseSchema,
        422: batchResponseSchema,
        ...errorResponses,
      },
    },
    // Only the envelope up front: each call gets its own verdict, so one bad call never holds the rest.
    validatorCompiler: () => (data) => {
      const result = envelope.safeParse(data);
      if (result.success) return { value: result.data };
      const error = new Error(result.error.issues.map((issue) => issue.message).join(' · ')) as Error & {
        statusCode: number;
      };
      error.statusCode = 400;
      return { error };
    },
    handler: async (request, reply) => {
      const user = currentUser(request);
      const results = await takeCalls(db, user.id, (request.body as { calls: unknown[] }).calls);
      const count = (status: string) => results.filter((r) => r.status === status).length;
      const body = {
        results,
        accepted: count('accepted'),
        duplicate: count('duplicate'),
        rejected: count('rejected'),
      };
      request.log.info(
        { accepted: body.accepted, duplicate: body.duplicate, rejected: body.rejected },
        'calls batch',
      );
      const status = body.rejected === 0 ? 200 : body.rejected === results.length ? 422 : 207;
      return reply.code(status).send(body);
    },
  });

  app.get('/calls', {
    schema: {
      tags: ['calls'],
      summary: 'Llamadas visibles: las propias; las del equipo para un supervisor',
      security: bearer,
      querystring: z.strictObject({
        agent: z.string().max(64).optional(),
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
    },
  });
};
