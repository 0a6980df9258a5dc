import { z } from 'zod';

export const typologySchema = z.object({ asunto: z.string(), item: z.string(), subitem: z.string() });

export const ticketSchema = z
  .object({
    id: z.string(),
    customerCode: z.string(),
    typology: typologySchema,
    status: z.enum(['abierto', 'cerrado']),
    dueDate: z.string().meta({ description: 'Fecha de resolución comprometida (YYYY-MM-DD).' }),
    createdAt: z.string(),
    description: z.string(),
    formId: z.string().nullable(),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });
