import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  RECENT_CLOSED_DAYS,
  getCustomerTickets,
  getOpenTicket,
  getTicket,
  getTicketTypes,
  getTickets,
  postTicket,
  postTicketClose,
  putTicketType,
} from '../../../shared/api/tickets';
import { relatedTicketProblem } from '../../../shared/requirements/related';
import { ticketRequestIssues } from '../../../shared/requirements/requirement';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, type User } from '../auth/users';
import type { Queryable } from '../db/types';
import { lookUpCustomers } from '../directory/customers';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import {
  TicketError,
  closeTicket,
  deskCustomerTickets,
  findOpenTicket,
  getTicket as loadTicket,
  listCustomerTickets,
  openTicket,
  ticketEvents,
  ticketOpener,
  withOverdue,
} from './repo';
import { listTicketTypes, setTicketTypeDueDays } from './types';

/**
 * May `viewer` see or change this ticket? An admin any; a supervisor those opened by them or their
 * team; an agent those they opened. Tickets from before openers were recorded: admins only.
 */
async function mayHandle(db: Queryable, viewer: User, opener: number | null): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  return opener !== null && canRead(db, viewer, opener);
}

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, now, calendar }) => {
  const today = () => calendar.dayOf(now());

  // The Z4 question: any signed-in user, for any customer they are serving.
  serve(app, getOpenTicket, async (request) => {
    const { customerCode: code, typeId, relatedTicketId } = request.query;
    const ticket = await findOpenTicket(db, code, typeId, relatedTicketId ?? null);
    return { ticket: ticket ? withOverdue(ticket, today()) : null };
  });

  // The desk's copy (Z4 and every duplicate check): any signed-in user, whoever opened them, as
  // facts for the customer (the answer's schema leaves out what was written and who did it).
  serve(app, getCustomerTickets, async (request) => {
    const day = today();
    const since = new Date(now().getTime() - RECENT_CLOSED_DAYS * 86_400_000);
    const tickets = await deskCustomerTickets(db, request.params.code, since);
    return { tickets: tickets.map((t) => withOverdue(t, day)), today: day };
  });

  serve(app, getTickets, async (request) => {
    const day = today();
    const tickets = await listCustomerTickets(db, request.query.customerCode, currentUser(request));
    return { tickets: tickets.map((t) => withOverdue(t, day)) };
  });

  serve(app, postTicket, async (request, reply) => {
    const user = currentUser(request);
    const { customerCode: code, typeId, description, relatedTicketId } = request.body;
    const issues = ticketRequestIssues(typeId, description, relatedTicketId);
    if (issues.length > 0) return sendError(reply, 400, issues.map((i) => i.message).join(' · '));
    const day = today();
    const unknown = (await lookUpCustomers(db, [code])).problem(code);
    if (unknown) return sendError(reply, 400, unknown);
    if (relatedTicketId) {
      const problem = relatedTicketProblem(
        'postventa',
        { typeId, relatedTicketId },
        (await loadTicket(db, relatedTicketId)) ?? undefined,
        { customerCode: code, today: day, localDay: (iso) => calendar.dayOf(new Date(iso)) },
      );
      if (problem) return sendError(reply, 400, problem);
    }
    try {
      const { ticket, created } = await db.transaction((tx) =>
        openTicket(tx, calendar, {
          customerCode: code,
          typeId,
          description: description.trim(),
          relatedTicketId: relatedTicketId ?? null,
          formId: null,
          userId: user.id,
          now: now(),
        }),
      );
      return reply.code(created ? 201 : 200).send({ ticket: withOverdue(ticket, day), created });
    } catch (error) {
      if (error instanceof TicketError) return sendError(reply, 400, error.message);
      throw error;
    }
  });

  serve(app, postTicketClose, async (request, reply) => {
    const viewer = currentUser(request);
    const opener = await ticketOpener(db, request.params.id);
    if (opener === undefined) return sendError(reply, 404, 'No existe ese ticket.');
    if (!(await mayHandle(db, viewer, opener)))
      return sendError(reply, 403, 'No puede cerrar un ticket de otro equipo.');
    const ticket = await db.transaction((tx) =>
      closeTicket(tx, request.params.id, request.body, viewer.id, now()),
    );
    if (!ticket) return sendError(reply, 404, 'No existe ese ticket.');
    request.log.info({ ticket: ticket.id, by: viewer.username }, 'ticket closed');
    return { ticket: withOverdue(ticket, today()) };
  });

  serve(app, getTicket, async (request, reply) => {
    const viewer = currentUser(request);
    const opener = await ticketOpener(db, request.params.id);
    if (opener === undefined) return sendError(reply, 404, 'No existe ese ticket.');
    if (!(await mayHandle(db, viewer, opener)))
      return sendError(reply, 403, 'No puede ver un ticket de otro equipo.');
    const ticket = (await loadTicket(db, request.params.id))!;
    return { ticket: withOverdue(ticket, today()), events: await ticketEvents(db, ticket.id) };
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
