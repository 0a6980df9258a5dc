import { z } from 'zod';
import { BLOCK_PROBLEM_LEAF_ID } from '../requirements/typology';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';

const ticketTypologySchema = z
  .object({ asunto: z.string(), item: z.string(), subitem: z.string().nullable() })
  .meta({ id: 'TicketTypology' });

const balanceSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['pesos', 'litros']),
  approved: z.boolean(),
});

const resolutionSchema = z
  .object({
    answer: z.string(),
    replyMailbox: z.string().nullable(),
    balance: balanceSchema.nullable(),
  })
  .meta({
    id: 'TicketResolution',
    description: 'Respuesta de la central al cerrar el ticket (saldo a favor en pesos o litros).',
  });

export const ticketSchema = z
  .object({
    id: z.string().meta({ description: 'Número del ticket, p. ej. PV-0000123.' }),
    customerCode: z.string(),
    typeId: z.string().meta({ description: 'Hoja de la tipología (shared/requirements/typology.ts).' }),
    typology: ticketTypologySchema,
    status: z.enum(['abierto', 'cerrado']),
    dueDate: z.iso.date().meta({ description: 'Fecha de resolución comprometida (YYYY-MM-DD).' }),
    createdAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    relatedTicketId: z
      .string()
      .nullable()
      .meta({ description: 'Ticket anterior sobre el que insiste (o que respalda una devolución).' }),
    resolution: resolutionSchema.nullable(),
    description: z.string(),
    formId: z.string().nullable().meta({ description: 'Formulario que lo abrió, si lo abrió uno.' }),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });
export type ApiTicket = z.infer<typeof ticketSchema>;

const customerCode = z.string().trim().min(1).max(20);
const ticketId = z.string().trim().min(1).max(32);

export const getOpenTicket = defineEndpoint({
  method: 'GET',
  path: '/tickets/open',
  tags: ['tickets'],
  summary: '¿Tiene el cliente un ticket abierto de este tipo? (regla Z4)',
  description: 'Sin typeId se consulta «Servicio › Problema de bloqueo › Fuera de norma».',
  access: 'signed-in',
  query: z.strictObject({
    customerCode,
    typeId: z.string().max(120).default(BLOCK_PROBLEM_LEAF_ID),
    relatedTicketId: ticketId.optional(),
  }),
  responses: { 200: z.object({ ticket: ticketSchema.nullable() }) },
});

/** Closed tickets the desk gets besides every open one: answered in the last year, at most 20. */
export const RECENT_CLOSED_DAYS = 365;
export const RECENT_CLOSED_MAX = 20;

export const getTickets = defineEndpoint({
  method: 'GET',
  path: '/tickets',
  tags: ['tickets'],
  summary: 'Tickets de un cliente: todos los abiertos y los últimos cerrados',
  description: `Los abiertos, y hasta ${RECENT_CLOSED_MAX} cerrados en los últimos ${RECENT_CLOSED_DAYS} días, del más nuevo al más antiguo: lo que el escritorio guarda para trabajar sin conexión.`,
  access: 'signed-in',
  query: z.strictObject({ customerCode }),
  responses: {
    200: z.object({
      tickets: z.array(ticketSchema),
      today: z.iso.date().meta({ description: 'Hoy en Chile, para calcular vencidos.' }),
    }),
  },
});

const openedTicketSchema = z.object({ ticket: ticketSchema, created: z.boolean() });

export const postTicket = defineEndpoint({
  method: 'POST',
  path: '/tickets',
  tags: ['tickets'],
  summary: 'Abre un ticket postventa (no duplica uno abierto del mismo tipo)',
  description:
    '201: abierto ahora · 200: ya había uno abierto de ese tipo, se devuelve ese. Las reglas de la tipología (seed 001): solo hojas que son ticket; una insistencia nombra el ticket anterior; «Otros (Servicio)» exige el motivo en la descripción.',
  access: 'signed-in',
  body: z.strictObject({
    customerCode,
    typeId: z.string().trim().min(1).max(120),
    description: z.string().max(2000).default(''),
    relatedTicketId: ticketId.optional(),
  }),
  responses: { 200: openedTicketSchema, 201: openedTicketSchema },
});

export const postTicketClose = defineEndpoint({
  method: 'POST',
  path: '/tickets/:id/close',
  tags: ['tickets'],
  summary: 'Cierra un ticket con la respuesta al cliente',
  description:
    'Con saldo a favor (pesos o litros) aprobado y el correo de la respuesta, el ticket respalda una devolución por trasvasije.',
  access: ['supervisor', 'admin'],
  params: z.object({ id: ticketId }),
  body: z.strictObject({
    answer: z.string().trim().min(1, 'Escriba la respuesta al cliente.').max(4000),
    replyMailbox: z.email().max(254).nullable().default(null),
    balance: z
      .strictObject({
        amount: z.number().positive().max(1e12),
        unit: z.enum(['pesos', 'litros']),
        approved: z.boolean(),
      })
      .nullable()
      .default(null),
  }),
  responses: { 200: z.object({ ticket: ticketSchema }) },
  errors: { 404: apiErrorFor('No existe ese ticket.') },
});

const ticketTypeSchema = z
  .object({
    id: z.string(),
    asunto: z.string(),
    item: z.string(),
    subitem: z.string().nullable(),
    dueBusinessDays: z.number().int(),
    defaultDueBusinessDays: z.number().int(),
    placeholder: z
      .boolean()
      .meta({ description: 'Sin valor fijado por un administrador: los días son provisorios.' }),
    setBy: z.string().nullable(),
    setAt: z.iso.datetime().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'TicketType' });

export const getTicketTypes = defineEndpoint({
  method: 'GET',
  path: '/ticket-types',
  tags: ['tickets'],
  summary: 'Tipos de ticket (las hojas de la tipología que son ticket) y sus días hábiles de resolución',
  access: 'signed-in',
  responses: { 200: z.object({ types: z.array(ticketTypeSchema) }) },
});

export const putTicketType = defineEndpoint({
  method: 'PUT',
  path: '/admin/ticket-types/:id',
  tags: ['admin'],
  summary: 'Fija los días hábiles de resolución de un tipo de ticket (null: vuelve al valor provisorio)',
  access: ['admin'],
  params: z.object({ id: z.string().max(120) }),
  body: z.strictObject({
    dueBusinessDays: z
      .number()
      .int('Días hábiles: un número entero.')
      .min(1, 'Días hábiles: al menos 1.')
      .max(365, 'Días hábiles: como máximo 365.')
      .nullable(),
  }),
  responses: { 200: ticketTypeSchema },
  errors: { 404: apiErrorFor('No existe ese tipo de ticket.') },
});
