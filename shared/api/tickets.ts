import { z } from 'zod';
import { storableString } from '../text/storable';
import { BLOCK_PROBLEM_TYPOLOGY } from '../tickets/ticketHistory';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';

const ticketTypologySchema = z
  .object({
    asunto: storableString().max(120),
    item: storableString().max(120),
    subitem: storableString().max(120),
  })
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
    createdBy: z.string().nullable().meta({ description: 'Usuario que lo abrió.' }),
    closedBy: z.string().nullable().meta({ description: 'Usuario que lo cerró.' }),
    closedAt: z.iso.datetime().nullable(),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });
export type ApiTicket = z.infer<typeof ticketSchema>;

const customerCode = storableString().trim().min(1).max(20);
const ticketId = z.object({ id: storableString().max(32) });
const otherTeam = apiErrorFor('El ticket lo abrió alguien de otro equipo.');
const noSuchTicket = apiErrorFor('No existe ese ticket.');

export const getOpenTicket = defineEndpoint({
  method: 'GET',
  path: '/tickets/open',
  tags: ['tickets'],
  summary: '¿Tiene el cliente un ticket abierto de esta tipificación? (regla Z4)',
  description: 'Sin tipificación se consulta «Servicio / Problema de bloqueo / Fuera de norma».',
  access: 'signed-in',
  query: z.strictObject({
    customerCode,
    asunto: storableString().max(120).default(BLOCK_PROBLEM_TYPOLOGY.asunto),
    item: storableString().max(120).default(BLOCK_PROBLEM_TYPOLOGY.item),
    subitem: storableString().max(120).default(BLOCK_PROBLEM_TYPOLOGY.subitem),
  }),
  responses: { 200: z.object({ ticket: ticketSchema.nullable() }) },
});

export const getTickets = defineEndpoint({
  method: 'GET',
  path: '/tickets',
  tags: ['tickets'],
  summary: 'Historial de tickets de un cliente',
  description:
    'Los que la cuenta puede ver: los que abrió (agente), los de su equipo (supervisor), todos (administrador). Si hay uno abierto se pregunta en /tickets/open.',
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
    description: storableString().max(2000).default(''),
  }),
  responses: { 200: openedTicketSchema, 201: openedTicketSchema },
});

export const postTicketClose = defineEndpoint({
  method: 'POST',
  path: '/tickets/:id/close',
  tags: ['tickets'],
  summary: 'Cierra un ticket (un supervisor, los de su equipo; un administrador, cualquiera)',
  access: ['supervisor', 'admin'],
  params: ticketId,
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
  params: ticketId,
  responses: { 200: z.object({ ticket: ticketSchema, events: z.array(ticketEventSchema) }) },
  errors: { 403: otherTeam, 404: noSuchTicket },
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
