import { z } from 'zod';

/**
 * The tickets' HTTP shapes, one copy for the server's routes and the desk's client (moves into
 * shared/api with the other endpoints).
 */

export const typologySchema = z.object({
  asunto: z.string(),
  item: z.string(),
  subitem: z.string().nullable(),
});

const balanceSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['pesos', 'litros']),
  approved: z.boolean(),
});

export const resolutionSchema = z
  .object({
    answer: z.string(),
    replyMailbox: z.string().nullable(),
    balance: balanceSchema.nullable(),
  })
  .meta({ description: 'Respuesta de la central al cerrar el ticket (saldo a favor en pesos o litros).' });

export const ticketSchema = z
  .object({
    id: z.string(),
    customerCode: z.string(),
    typeId: z.string().meta({ description: 'Hoja de la tipología (shared/requirements/typology.ts).' }),
    typology: typologySchema,
    status: z.enum(['abierto', 'cerrado']),
    dueDate: z.string().meta({ description: 'Fecha de resolución comprometida (YYYY-MM-DD).' }),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    relatedTicketId: z
      .string()
      .nullable()
      .meta({ description: 'Ticket anterior sobre el que insiste (o que respalda una devolución).' }),
    resolution: resolutionSchema.nullable(),
    description: z.string(),
    formId: z.string().nullable(),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });

export const ticketTypeSchema = z
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
    setAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'TicketType' });

export const resolutionInputSchema = z.strictObject({
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
});

/** GET /tickets?customerCode=: what the desk caches. */
export const customerTicketsResponseSchema = z.object({
  tickets: z.array(ticketSchema),
  today: z.string().meta({ description: 'Hoy en Chile (YYYY-MM-DD), para calcular vencidos.' }),
});
