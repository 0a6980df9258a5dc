import { z } from 'zod';
import { storableString } from '../../../shared/text/storable';

export const typologySchema = z.object({
  asunto: storableString().max(120),
  item: storableString().max(120),
  subitem: storableString().max(120),
});

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
    createdBy: z.string().nullable().meta({ description: 'Usuario que lo abrió.' }),
    closedBy: z.string().nullable().meta({ description: 'Usuario que lo cerró.' }),
    closedAt: z.string().nullable(),
    overdue: z
      .boolean()
      .meta({ description: 'Abierto y con la fecha de resolución ya pasada (hora de Chile).' }),
  })
  .meta({ id: 'Ticket' });
