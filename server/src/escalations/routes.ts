import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ESCALATION_ACCOUNT_ROLES } from '../../../shared/procedures';
import {
  escalationDetailSchema,
  escalationEventBodySchema,
  escalationListQuerySchema,
  escalationListSchema,
  escalationResultSchema,
} from '../../../shared/procedures/api';
import { currentUser, sendError } from '../auth/plugin';
import { calendarFor } from '../cases/calendar';
import { CaseError } from '../cases/engine';
import { caseErrors } from '../cases/routes';
import { bearer, type RouteDeps } from '../http';
import { actOnEscalation, escalationDetail, listEscalations, sweepOverdueTickets } from './repo';

/** The escalations inbox of the contact-center supervisors (and admins). */
export const escalationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, now }) => {
  const calendar = calendarFor(config.timeZone);
  const inbox = { roles: ESCALATION_ACCOUNT_ROLES };

  app.get('/escalations', {
    config: inbox,
    schema: {
      tags: ['escalations'],
      summary: 'Bandeja de escalamientos: abiertos (más antiguos primero) o cerrados',
      security: bearer,
      querystring: escalationListQuerySchema,
      response: { 200: escalationListSchema, ...caseErrors },
    },
    handler: async (request) => {
      const user = currentUser(request);
      // Tickets that went overdue since the last look join the inbox now (also swept periodically).
      const at = now();
      await sweepOverdueTickets(db, calendar.dayOf(at), at);
      return listEscalations(db, user, {
        status: request.query.status,
        kind: request.query.kind,
        mine: request.query.mine === 'true',
        limit: request.query.limit,
      });
    },
  });

  app.get('/escalations/:id', {
    config: inbox,
    schema: {
      tags: ['escalations'],
      summary: 'Un escalamiento con su historial',
      security: bearer,
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: escalationDetailSchema, ...caseErrors },
    },
    handler: async (request, reply) => {
      const detail = await escalationDetail(db, currentUser(request), request.params.id);
      if (!detail) return sendError(reply, 404, 'No existe ese escalamiento, o no es de su equipo.');
      return detail;
    },
  });

  app.post('/escalations/:id/events', {
    config: inbox,
    schema: {
      tags: ['escalations'],
      summary: 'Tomar, comentar, reasignar, cerrar o reabrir (nada se borra)',
      security: bearer,
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: escalationEventBodySchema,
      response: { 200: escalationResultSchema, 201: escalationResultSchema, ...caseErrors },
    },
    handler: async (request, reply) => {
      const user = currentUser(request);
      try {
        const { duplicate } = await actOnEscalation(db, user, request.params.id, request.body, now());
        const escalation = await escalationDetail(db, user, request.params.id);
        if (!escalation) return sendError(reply, 404, 'No existe ese escalamiento, o no es de su equipo.');
        return reply.code(duplicate ? 200 : 201).send({ duplicate, escalation });
      } catch (error) {
        if (error instanceof CaseError) return sendError(reply, error.statusCode, error.message, error.extra);
        throw error;
      }
    },
  });
};
