import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableString } from '../../../shared/text/storable';
import { BLOCK_PROBLEM_TYPOLOGY } from '../../../shared/tickets/ticketHistory';
import { currentUser, sendError } from '../auth/plugin';
import { bearer, errorResponses, type RouteDeps } from '../http';
import { todayIn } from './dates';
import { canRead } from '../auth/users';
import { lookUpCustomers } from '../directory/customers';
import {
  TicketError,
  closeTicket,
  findOpenTicket,
  getTicket,
  listCustomerTickets,
  listTypologies,
  openTicket,
  ticketEvents,
  ticketOpener,
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
      description:
        'Los que el usuario puede ver: los que abrió (agente), los de su equipo (supervisor), todos (administrador). ¿Hay uno abierto? se pregunta en /tickets/open.',
      security: bearer,
      querystring: z.strictObject({ customerCode }),
      response: { 200: z.object({ tickets: z.array(ticketSchema) }), ...errorResponses },
    },
    handler: async (request) => {
      const day = today();
      const tickets = await listCustomerTickets(db, request.query.customerCode, currentUser(request));
      return { tickets: tickets.map((t) => withOverdue(t, day)) };
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
      const viewer = currentUser(request);
      const opener = await ticketOpener(db, request.params.id);
      if (opener === undefined) return sendError(reply, 404, 'No existe ese ticket.');
      // A supervisor closes their own team's tickets; an admin any.
      if (viewer.role !== 'admin' && (opener === null || !(await canRead(db, viewer, opener))))
        return sendError(reply, 403, 'No puede cerrar un ticket de otro equipo.');
      const ticket = await db.transaction((tx) => closeTicket(tx, request.params.id, viewer.id));
      if (!ticket) return sendError(reply, 404, 'No existe ese ticket.');
      request.log.info({ ticket: ticket.id, by: viewer.username }, 'ticket closed');
      return { ticket: withOverdue(ticket, today()) };
    },
  });

  app.get('/tickets/:id', {
    schema: {
      tags: ['tickets'],
      summary: 'Un ticket con su historia (quién lo abrió y cerró, y cuándo)',
      security: bearer,
      params: z.object({ id: storableString().max(32) }),
      response: {
        200: z.object({
          ticket: ticketSchema,
          events: z.array(
            z.object({
              action: z.enum(['abierto', 'cerrado']),
              actor: z.string().nullable(),
              at: z.string(),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const viewer = currentUser(request);
      const opener = await ticketOpener(db, request.params.id);
      if (opener === undefined) return sendError(reply, 404, 'No existe ese ticket.');
      if (viewer.role !== 'admin' && (opener === null || !(await canRead(db, viewer, opener))))
        return sendError(reply, 403, 'No puede ver un ticket de otro equipo.');
      const ticket = (await getTicket(db, request.params.id))!;
      return { ticket: withOverdue(ticket, today()), events: await ticketEvents(db, ticket.id) };
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
