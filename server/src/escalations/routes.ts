import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getEscalation, getEscalations, postEscalationEvent } from '../../../shared/api';
import { currentUser, sendError } from '../auth/plugin';
import { calendarFor } from '../cases/calendar';
import { refuse } from '../cases/routes';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { actOnEscalation, escalationDetail, listEscalations, sweepOverdueTickets } from './repo';

/** The escalations inbox of the contact-center supervisors and admins (shared/api/escalations.ts). */
export const escalationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, now }) => {
  const calendar = calendarFor(config.timeZone);

  serve(app, getEscalations, async (request) => {
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
  });

  serve(app, getEscalation, async (request, reply) => {
    const detail = await escalationDetail(db, currentUser(request), request.params.id);
    if (!detail) return sendError(reply, 404, 'No existe ese escalamiento, o no es de su equipo.');
    return detail;
  });

  serve(app, postEscalationEvent, async (request, reply) => {
    const user = currentUser(request);
    try {
      const { duplicate } = await actOnEscalation(db, user, request.params.id, request.body, now());
      const escalation = await escalationDetail(db, user, request.params.id);
      if (!escalation) return sendError(reply, 404, 'No existe ese escalamiento, o no es de su equipo.');
      return reply.code(duplicate ? 200 : 201).send({ duplicate, escalation });
    } catch (error) {
      return refuse(reply, error);
    }
  });
};
