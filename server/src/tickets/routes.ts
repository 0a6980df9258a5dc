import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { relatedTicketProblem } from '../../../shared/requirements/related';
import { ticketRequestIssues } from '../../../shared/requirements/requirement';
import { BLOCK_PROBLEM_LEAF_ID } from '../../../shared/requirements/typology';
import { currentUser, sendError } from '../auth/plugin';
import { bearer, errorResponses, type RouteDeps } from '../http';
import {
  TicketError,
  closeTicket,
  findOpenTicket,
  getTicket,
  listCustomerTickets,
  openTicket,
  withOverdue,
} from './repo';
import {
  customerTicketsResponseSchema,
  resolutionInputSchema,
  ticketSchema,
  ticketTypeSchema,
} from '../../../shared/tickets/schema';
import { listTicketTypes, setTicketTypeDueDays } from './types';

const customerCode = z.string().trim().min(1).max(20);
const ticketId = z.string().trim().min(1).max(32);
/** Closed tickets the desk gets (what an insistence or a return can name): answered in the last year. */
const RECENT_DAYS = 365;

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, now, calendar }) => {
  const today = () => calendar.dayOf(now());

  app.get('/tickets/open', {
    schema: {
      tags: ['tickets'],
      summary: '¿Tiene el cliente un ticket abierto de este tipo? (regla Z4)',
      description: 'Sin typeId se consulta «Servicio › Problema de bloqueo › Fuera de norma».',
      security: bearer,
      querystring: z.strictObject({
        customerCode,
        typeId: z.string().max(120).default(BLOCK_PROBLEM_LEAF_ID),
        relatedTicketId: ticketId.optional(),
      }),
      response: { 200: z.object({ ticket: ticketSchema.nullable() }), ...errorResponses },
    },
    handler: async (request) => {
      const { customerCode: code, typeId, relatedTicketId } = request.query;
      const ticket = await findOpenTicket(db, code, typeId, relatedTicketId ?? null);
      return { ticket: ticket ? withOverdue(ticket, today()) : null };
    },
  });

  app.get('/tickets', {
    schema: {
      tags: ['tickets'],
      summary: 'Tickets de un cliente: todos los abiertos y los últimos cerrados',
      description: `Los abiertos, y hasta 20 cerrados en los últimos ${RECENT_DAYS} días, del más nuevo al más antiguo. Es lo que el escritorio guarda para trabajar sin conexión.`,
      security: bearer,
      querystring: z.strictObject({ customerCode }),
      response: { 200: customerTicketsResponseSchema, ...errorResponses },
    },
    handler: async (request) => {
      const day = today();
      const since = new Date(now().getTime() - RECENT_DAYS * 86_400_000);
      const tickets = await listCustomerTickets(db, request.query.customerCode, since);
      return { tickets: tickets.map((t) => withOverdue(t, day)), today: day };
    },
  });

  app.post('/tickets', {
    schema: {
      tags: ['tickets'],
      summary: 'Abre un ticket postventa (no duplica uno abierto del mismo tipo)',
      description:
        'Las reglas de la tipología (seed 001): solo hojas que son ticket; una insistencia nombra el ticket anterior; «Otros (Servicio)» exige el motivo en la descripción.',
      security: bearer,
      body: z.strictObject({
        customerCode,
        typeId: z.string().trim().min(1).max(120),
        description: z.string().max(2000).default(''),
        relatedTicketId: ticketId.optional(),
      }),
      response: {
        200: z.object({ ticket: ticketSchema, created: z.boolean() }),
        201: z.object({ ticket: ticketSchema, created: z.boolean() }),
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
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
    },
  });

  app.post('/tickets/:id/close', {
    config: { roles: ['supervisor', 'admin'] },
    schema: {
      tags: ['tickets'],
      summary: 'Cierra un ticket con la respuesta al cliente',
      description:
        'Con saldo a favor (pesos o litros) aprobado y el correo de la respuesta, el ticket respalda una devolución por trasvasije.',
      security: bearer,
      params: z.object({ id: ticketId }),
      body: resolutionInputSchema.optional(),
      response: { 200: z.object({ ticket: ticketSchema }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const ticket = await closeTicket(db, request.params.id, request.body ?? null, now());
      if (!ticket) return sendError(reply, 404, 'No existe ese ticket.');
      return { ticket: withOverdue(ticket, today()) };
    },
  });

  app.get('/ticket-types', {
    schema: {
      tags: ['tickets'],
      summary: 'Tipos de ticket (las hojas de la tipología que son ticket) y sus días hábiles de resolución',
      security: bearer,
      response: { 200: z.object({ types: z.array(ticketTypeSchema) }), ...errorResponses },
    },
    handler: async () => ({ types: await listTicketTypes(db) }),
  });

  app.put('/admin/ticket-types/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Fija los días hábiles de resolución de un tipo de ticket (null: vuelve al valor provisorio)',
      security: bearer,
      params: z.object({ id: z.string().max(120) }),
      body: z.strictObject({
        dueBusinessDays: z
          .number()
          .int('Días hábiles: un número entero.')
          .min(1, 'Días hábiles: al menos 1.')
          .max(365, 'Días hábiles: como máximo 365.')
          .nullable(),
      }),
      response: { 200: ticketTypeSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const user = currentUser(request);
      const type = await setTicketTypeDueDays(db, request.params.id, request.body.dueBusinessDays, user.id);
      if (!type) return sendError(reply, 404, 'No existe ese tipo de ticket.');
      request.log.info(
        { ticketType: type.id, dueBusinessDays: type.dueBusinessDays },
        'ticket type due days set',
      );
      return type;
    },
  });
};
