import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  getOpenTicket,
  getTicketTypologies,
  getTickets,
  postTicket,
  postTicketClose,
} from '../../../shared/api/tickets';
import { currentUser, sendError } from '../auth/plugin';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { todayIn } from './dates';
import {
  TicketError,
  closeTicket,
  findOpenTicket,
  listCustomerTickets,
  listTypologies,
  openTicket,
  withOverdue,
} from './repo';

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, now }) => {
  const today = () => todayIn(config.timeZone, now());

  serve(app, getOpenTicket, async (request) => {
    const { customerCode: code, ...typology } = request.query;
    const ticket = await findOpenTicket(db, code, typology);
    return { ticket: ticket ? withOverdue(ticket, today()) : null };
  });

  serve(app, getTickets, async (request) => {
    const day = today();
    return {
      tickets: (await listCustomerTickets(db, request.query.customerCode)).map((t) => withOverdue(t, day)),
    };
  });

  serve(app, postTicket, async (request, reply) => {
    const user = currentUser(request);
    const day = today();
    try {
      const { ticket, created } = await openTicket(db, {
        ...request.body,
        formId: null,
        userId: user.id,
        today: day,
      });
      return reply.code(created ? 201 : 200).send({ ticket: withOverdue(ticket, day), created });
    } catch (error) {
      if (error instanceof TicketError) return sendError(reply, 400, error.message);
      throw error;
    }
  });

  serve(app, postTicketClose, async (request, reply) => {
    const ticket = await closeTicket(db, request.params.id);
    if (!ticket) return sendError(reply, 404, 'No existe ese ticket.');
    return { ticket: withOverdue(ticket, today()) };
  });

  serve(app, getTicketTypologies, async () => ({ typologies: await listTypologies(db) }));
};
