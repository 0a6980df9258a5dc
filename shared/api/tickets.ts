import { z } from 'zod';
import { BLOCK_PROBLEM_TYPOLOGY } from '../tickets/ticketHistory';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';

const ticketTypologySchema = z
  .object({ asunto: z.string(), item: z.string(), subitem: z.string() })
  .meta({ id: 'TicketTypology' });

export const ticketSchema = z
  .object({
    id: z.string().meta({ description: 'Número del ticket, p. ej. PV-0000123.' }),
    customerCode: z.string(),
    typology: ticketTypologySchema,
    status: z.enum(['abierto', 'cerrado']),
    dueDate: z.iso.date().meta({ description: 'Fecha de resolución comprometida (YYYY-MM-DD).' }),
    createdAt: z.iso.datetime(),
    description: z.string(),
    formId: z.string().nullable().meta({ description: 'Formulario que lo abrió, si lo abrió uno.' }),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });
export type ApiTicket = z.infer<typeof ticketSchema>;

const customerCode = z.string().trim().min(1).max(20);

export const getOpenTicket = defineEndpoint({
  method: 'GET',
  path: '/tickets/open',
  tags: ['tickets'],
  summary: '¿Tiene el cliente un ticket abierto de esta tipificación? (regla Z4)',
  description: 'Sin tipificación se consulta «Servicio / Problema de bloqueo / Fuera de norma».',
  access: 'signed-in',
  query: z.strictObject({
    customerCode,
    asunto: z.string().max(120).default(BLOCK_PROBLEM_TYPOLOGY.asunto),
    item: z.string().max(120).default(BLOCK_PROBLEM_TYPOLOGY.item),
    subitem: z.string().max(120).default(BLOCK_PROBLEM_TYPOLOGY.subitem),
  }),
  responses: { 200: z.object({ ticket: ticketSchema.nullable() }) },
});

export const getTickets = defineEndpoint({
  method: 'GET',
  path: '/tickets',
  tags: ['tickets'],
  summary: 'Historial de tickets de un cliente',
  access: 'signed-in',
  query: z.strictObject({ customerCode }),
  responses: { 200: z.object({ tickets: z.array(ticketSchema) }) },
});

const openedTicketSchema = z.object({ ticket: ticketSchema, created: z.boolean() });

export const postTicket = defineEndpoint({
  method: 'POST',
  path: '/tickets',
  tags: ['tickets'],
  summary: 'Abre un ticket postventa (no duplica uno abierto de la misma tipificación)',
  description: '201: abierto ahora · 200: ya había uno abierto de esa tipificación, se devuelve ese.',
  access: 'signed-in',
  body: z.strictObject({
    customerCode,
    typology: ticketTypologySchema,
    description: z.string().max(2000).default(''),
  }),
  responses: { 200: openedTicketSchema, 201: openedTicketSchema },
});

export const postTicketClose = defineEndpoint({
  method: 'POST',
  path: '/tickets/:id/close',
  tags: ['tickets'],
  summary: 'Cierra un ticket',
  access: ['supervisor', 'admin'],
  params: z.object({ id: z.string().max(32) }),
  responses: { 200: z.object({ ticket: ticketSchema }) },
  errors: { 404: apiErrorFor('No existe ese ticket.') },
});

export const getTicketTypologies = defineEndpoint({
  method: 'GET',
  path: '/ticket-typologies',
  tags: ['tickets'],
  summary: 'Tipificaciones postventa',
  access: 'signed-in',
  responses: {
    200: z.object({ typologies: z.array(ticketTypologySchema.extend({ resolutionDays: z.number().int() })) }),
  },
});
