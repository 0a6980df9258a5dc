import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  RECENT_CLOSED_DAYS,
  getOpenTicket,
  getTicketTypes,
  getTickets,
  postTicket,
  postTicketClose,
  putTicketType,
} from '../../../shared/api/tickets';
import { relatedTicketProblem } from '../../../shared/requirements/related';
import { ticketRequestIssues } from '../../../shared/requirements/requirement';
import { currentUser, sendError } from '../auth/plugin';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import {
  TicketError,
  closeTicket,
  findOpenTicket,
  getTicket,
  listCustomerTickets,
  openTicket,
  withOverdue,
} from './repo';
import { listTicketTypes, setTicketTypeDueDays } from './types';

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, now, calendar }) => {
  const today = () => calendar.dayOf(now());

  serve(app, getOpenTicket, async (request) => {
    const { customerCode: code, typeId, relatedTicketId } = request.query;
    const ticket = await findOpenTicket(db, code, typeId, relatedTicketId ?? null);
    return { ticket: ticket ? withOverdue(ticket, today()) : null };
  });

  serve(app, getTickets, async (request) => {
    const day = today();
    const since = new Date(now().getTime() - RECENT_CLOSED_DAYS * 86_400_000);
    const tickets = await listCustomerTickets(db, request.query.customerCode, since);
    return { tickets: tickets.map((t) => withOverdue(t, day)), today: day };
  });

  serve(app, postTicket, async (request, reply) => {
    const user = currentUser(request);
    const { customerCode: code, typeId, description, relatedTicketId } = request.body;
    const issues = ticketRequestIssues(typeId, description, relatedTicketId);
    if (issues.length > 0) return sendError(reply, 400, issues.map((i) => i.message).join(' · '));
    const day = today();
    if (relatedTicketId) {
      const problem = relatedTicketProblem(
        'postventa',
        { typeId, relatedTicketId },
        (await getTicket(db, relatedTicketId)) ?? undefined,
        { customerCode: code, today: day, localDay: (iso) => calendar.dayOf(new Date(iso)) },
      );
      if (problem) return sendError(reply, 400, problem);
    }
    try {
      const { ticket, created } = await openTicket(db, calendar, {
        customerCode: code,
        typeId,
        description: description.trim(),
        relatedTicketId: relatedTicketId ?? null,
        formId: null,
        userId: user.id,
        now: now(),
      });
      return reply.code(created ? 201 : 200).send({ ticket: withOverdue(ticket, day), created });
    } catch (error) {
      if (error instanceof TicketError) return sendError(reply, 400, error.message);
      throw error;
    }
  });

  serve(app, postTicketClose, async (request, reply) => {
    const ticket = await closeTicket(db, request.params.id, request.body, now());
    if (!ticket) return sendError(reply, 404, 'No existe ese ticket.');
    return { ticket: withOverdue(ticket, today()) };
  });

  serve(app, getTicketTypes, async () => ({ types: await listTicketTypes(db) }));

  serve(app, putTicketType, async (request, reply) => {
    const user = currentUser(request);
    const type = await setTicketTypeDueDays(db, request.params.id, request.body.dueBusinessDays, user.id);
    if (!type) return sendError(reply, 404, 'No existe ese tipo de ticket.');
    request.log.info(
      { ticketType: type.id, dueBusinessDays: type.dueBusinessDays },
      'ticket type due days set',
    );
    return type;
  });
};
