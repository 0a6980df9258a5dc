import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  getOpenTicket,
  getTicket,
  getTicketTypologies,
  getTickets,
  postTicket,
  postTicketClose,
} from '../../../shared/api/tickets';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, type User } from '../auth/users';
import type { Queryable } from '../db/types';
import { lookUpCustomers } from '../directory/customers';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { todayIn } from './dates';
import {
  TicketError,
  closeTicket,
  findOpenTicket,
  getTicket as loadTicket,
  listCustomerTickets,
  listTypologies,
  openTicket,
  ticketEvents,
  ticketOpener,
  withOverdue,
} from './repo';

/**
 * May `viewer` see or change this ticket? An admin any; a supervisor those opened by them or their
 * team; an agent those they opened. Tickets from before openers were recorded: admins only.
 */
async function mayHandle(db: Queryable, viewer: User, opener: number | null): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  return opener !== null && canRead(db, viewer, opener);
}

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, now }) => {
  const today = () => todayIn(config.timeZone, now());

  // The Z4 question: any signed-in user, for any customer they are serving.
  serve(app, getOpenTicket, async (request) => {
    const { customerCode: code, ...typology } = request.query;
    const ticket = await findOpenTicket(db, code, typology);
    return { ticket: ticket ? withOverdue(ticket, today()) : null };
  });

  serve(app, getTickets, async (request) => {
    const day = today();
    const tickets = await listCustomerTickets(db, request.query.customerCode, currentUser(request));
    return { tickets: tickets.map((t) => withOverdue(t, day)) };
  });

  serve(app, postTicket, async (request, reply) => {
    const user = currentUser(request);
    const day = today();
    const problem = (await lookUpCustomers(db, [request.body.customerCode])).problem(
      request.body.customerCode,
    );
    if (problem) return sendError(reply, 400, problem);
    try {
      const { ticket, created } = await db.transaction((tx) =>
        openTicket(tx, { ...request.body, formId: null, userId: user.id, today: day }),
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
    const ticket = await db.transaction((tx) => closeTicket(tx, request.params.id, viewer.id));
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

  serve(app, getTicketTypologies, async () => ({ typologies: await listTypologies(db) }));
};
