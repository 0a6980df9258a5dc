import { z } from 'zod';
import { BLOCK_PROBLEM_LEAF_ID } from '../requirements/typology';
import { storableString } from '../text/storable';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';

const ticketTypologySchema = z
  .object({
    asunto: storableString().max(120),
    item: storableString().max(120),
    subitem: storableString().max(120).nullable(),
  })
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
    createdBy: z.string().nullable().meta({ description: 'Usuario que lo abrió.' }),
    closedBy: z.string().nullable().meta({ description: 'Usuario que lo cerró.' }),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });
export type ApiTicket = z.infer<typeof ticketSchema>;

const customerCode = storableString().trim().min(1).max(20);
const ticketId = storableString().trim().min(1).max(32);
const ticketParams = z.object({ id: ticketId });
const otherTeam = apiErrorFor('El ticket lo abrió alguien de otro equipo.');
const noSuchTicket = apiErrorFor('No existe ese ticket.');

export const getOpenTicket = defineEndpoint({
  method: 'GET',
  path: '/tickets/open',
  tags: ['tickets'],
  summary: '¿Tiene el cliente un ticket abierto de este tipo? (regla Z4)',
  description: 'Sin typeId se consulta «Servicio › Problema de bloqueo › Fuera de norma».',
  access: 'signed-in',
  query: z.strictObject({
    customerCode,
    typeId: storableString().max(120).default(BLOCK_PROBLEM_LEAF_ID),
    relatedTicketId: ticketId.optional(),
  }),
  responses: { 200: z.object({ ticket: ticketSchema.nullable() }) },
});

export const getTickets = defineEndpoint({
  method: 'GET',
  path: '/tickets',
  tags: ['tickets'],
  summary: 'Historial de tickets de un cliente',
  description:
    'Los que la cuenta puede ver: los que abrió (agente), los de su equipo (supervisor), todos (administrador). Si hay uno abierto se pregunta en /tickets/open; lo que el escritorio guarda, en /customers/{code}/tickets.',
  access: 'signed-in',
  query: z.strictObject({ customerCode }),
  responses: { 200: z.object({ tickets: z.array(ticketSchema) }) },
});

/** Closed tickets the desk gets besides every open one: answered in the last year, at most 20. */
export const RECENT_CLOSED_DAYS = 365;
export const RECENT_CLOSED_MAX = 20;

/**
 * What an agent may tell the customer about any of their tickets, whoever opened them: the Z4
 * rule and the duplicate checks need every open one. Who opened it and what they wrote stay with
 * GET /tickets/:id and its scoping.
 */
const deskTicketSchema = ticketSchema
  .pick({
    id: true,
    customerCode: true,
    typeId: true,
    typology: true,
    status: true,
    dueDate: true,
    createdAt: true,
    closedAt: true,
    relatedTicketId: true,
    resolution: true,
    overdue: true,
  })
  .meta({ id: 'DeskTicket' });

export const getCustomerTickets = defineEndpoint({
  method: 'GET',
  path: '/customers/:code/tickets',
  tags: ['tickets'],
  summary: 'Tickets de un cliente para el escritorio: todos los abiertos y los últimos cerrados',
  description: `Para la ejecutiva (cualquier usuario con sesión), sea quien sea quien los abrió: los abiertos, y hasta ${RECENT_CLOSED_MAX} cerrados en los últimos ${RECENT_CLOSED_DAYS} días, del más nuevo al más antiguo, sin descripción ni usuarios. Es lo que el escritorio guarda para trabajar sin conexión.`,
  access: 'signed-in',
  params: z.object({ code: customerCode }),
  responses: {
    200: z.object({
      tickets: z.array(deskTicketSchema),
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
    typeId: storableString().trim().min(1).max(120),
    description: storableString().max(2000).default(''),
    relatedTicketId: ticketId.optional(),
  }),
  responses: { 200: openedTicketSchema, 201: openedTicketSchema },
});

export const postTicketClose = defineEndpoint({
  method: 'POST',
  path: '/tickets/:id/close',
  tags: ['tickets'],
  summary:
    'Cierra un ticket con la respuesta al cliente (un supervisor, los de su equipo; un administrador, cualquiera)',
  description:
    'Con saldo a favor (pesos o litros) aprobado y el correo de la respuesta, el ticket respalda una devolución por trasvasije.',
  access: ['supervisor', 'admin'],
  params: ticketParams,
  body: z.strictObject({
    answer: storableString().trim().min(1, 'Escriba la respuesta al cliente.').max(4000),
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
  errors: { 403: otherTeam, 404: noSuchTicket },
});

const ticketEventSchema = z
  .object({
    action: z.enum(['abierto', 'cerrado']),
    actor: z.string().nullable().meta({ description: 'Usuario que lo hizo.' }),
    at: z.iso.datetime(),
  })
  .meta({ id: 'TicketEvent' });

export const getTicket = defineEndpoint({
  method: 'GET',
  path: '/tickets/:id',
  tags: ['tickets'],
  summary: 'Un ticket con su historia: quién lo abrió y quién lo cerró, y cuándo',
  access: 'signed-in',
  params: ticketParams,
  responses: { 200: z.object({ ticket: ticketSchema, events: z.array(ticketEventSchema) }) },
  errors: { 403: otherTeam, 404: noSuchTicket },
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
  params: z.object({ id: storableString().max(120) }),
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
