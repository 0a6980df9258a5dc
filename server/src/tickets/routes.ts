import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableString } from '../../../shared/text/storable';
import { BLOCK_PROBLEM_TYPOLOGY } from '../../../shared/tickets/ticketHistory';
import { currentUser, sendError } from '../auth/plugin';
import { bearer, errorResponses, type RouteDeps } from '../http';
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
import { ticketSchema, typologySchema } from './schema';

const customerCode = storableString().trim().min(1).max(20);

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, now }) => {
  const today = () => todayIn(config.timeZone, now());

  app.get('/tickets/open', {
    schema: {
      tags: ['tickets'],
      summary: '¿Tiene el cliente un ticket abierto de esta tipificación? (regla Z4)',
      description: 'Sin tipificación se consulta «Servicio / Problema de bloqueo / Fuera de norma».',
      security: bearer,
      querystring: z.strictObject({
        customerCode,
        asunto: storableString().max(120).default(BLOCK_PROBLEM_TYPOLOGY.asunto),
        item: storableString().max(120).default(BLOCK_PROBLEM_TYPOLOGY.item),
        subitem: storableString().max(120).default(BLOCK_PROBLEM_TYPOLOGY.subitem),
      }),
      response: { 200: z.object({ ticket: ticketSchema.nullable() }), ...errorResponses },
    },
    handler: async (request) => {
      const { customerCode: code, ...typology } = request.query;
      const ticket = await findOpenTicket(db, code, typology);
      return { ticket: ticket ? withOverdue(ticket, today()) : null };
    },
  });

  app.get('/tickets', {
    schema: {
      tags: ['tickets'],
      summary: 'Historial de tickets de un cliente',
      security: bearer,
      querystring: z.strictObject({ customerCode }),
      response: { 200: z.object({ tickets: z.array(ticketSchema) }), ...errorResponses },
    },
    handler: async (request) => {
      const day = today();
      return {
        tickets: (await listCustomerTickets(db, request.query.customerCode)).map((t) => withOverdue(t, day)),
      };
    },
  });

  app.post('/tickets', {
    schema: {
      tags: ['tickets'],
      summary: 'Abre un ticket postventa (no duplica uno abierto de la misma tipificación)',
      security: bearer,
      body: z.strictObject({
        customerCode,
        typology: typologySchema,
        description: storableString().max(2000).default(''),
      }),
      response: {
        200: z.object({ ticket: ticketSchema, created: z.boolean() }),
        201: z.object({ ticket: ticketSchema, created: z.boolean() }),
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
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
    },
  });

  app.post('/tickets/:id/close', {
    config: { roles: ['supervisor', 'admin'] },
    schema: {
      tags: ['tickets'],
      summary: 'Cierra un ticket',
      security: bearer,
      params: z.object({ id: storableString().max(32) }),
      response: { 200: z.object({ ticket: ticketSchema }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const ticket = await closeTicket(db, request.params.id);
      if (!ticket) return sendError(reply, 404, 'No existe ese ticket.');
      return { ticket: withOverdue(ticket, today()) };
    },
  });

  app.get('/ticket-typologies', {
    schema: {
      tags: ['tickets'],
      summary: 'Tipificaciones postventa',
      security: bearer,
      response: {
        200: z.object({ typologies: z.array(typologySchema.extend({ resolutionDays: z.number() })) }),
        ...errorResponses,
      },
    },
    handler: async () => ({ typologies: await listTypologies(db) }),
  });
};
