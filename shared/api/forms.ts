import { z } from 'zod';
import { FORM_STATUSES } from '../forms/status';
import { formSubmissionSchema } from '../forms/submission';
import { storableString } from '../text/storable';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';
import { ticketSchema } from './tickets';

/** The ticket a form opened (or the open one of its typology it joined: `created` false). */
const formTicketSchema = ticketSchema.extend({ created: z.boolean() }).meta({ id: 'FormTicket' });
export type FormTicket = z.infer<typeof formTicketSchema>;

/** One verdict per form, in the order sent; `id` is the form's (lower case), null when unreadable. */
const formVerdictSchema = z
  .discriminatedUnion('status', [
    z.object({
      id: z.string().nullable(),
      status: z.literal('accepted').meta({ description: 'Guardado ahora.' }),
      ticket: formTicketSchema.optional(),
      case: z.object({ id: z.number().int(), created: z.boolean() }).optional().meta({
        description: 'El caso del back office que el formulario abrió (created) o al que se sumó (ZB).',
      }),
    }),
    z.object({
      id: z.string().nullable(),
      status: z.literal('duplicate').meta({ description: 'Ya estaba guardado: éxito para la app.' }),
      ticket: formTicketSchema.optional().meta({
        description:
          'El ticket que ese formulario abrió o al que se sumó (reenvío tras una respuesta perdida).',
      }),
    }),
    z.object({
      id: z.string().nullable(),
      status: z.literal('rejected').meta({ description: 'No se guardó.' }),
      reason: z.string().meta({ description: 'Motivo, en español, para mostrar a la ejecutiva.' }),
      code: z.enum(['conflict']).optional().meta({
        description:
          'conflict: el id ya pertenece a otro formulario (otro contenido u otra cuenta): reenviarlo con un id nuevo.',
      }),
    }),
  ])
  .meta({ id: 'FormVerdict' });
export type FormVerdict = z.infer<typeof formVerdictSchema>;

const batchAnswerSchema = z
  .object({
    results: z.array(formVerdictSchema),
    accepted: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
  })
  .meta({ id: 'FormBatchAnswer' });

export const postFormsBatch = defineEndpoint({
  method: 'POST',
  path: '/forms/batch',
  tags: ['forms'],
  summary: 'Recibe un lote de formularios (idempotente por id)',
  description:
    'Cada formulario se valida por separado con el mismo esquema de la app. 200: ninguno rechazado; 207: algunos rechazados; 422: todos rechazados. Reenviar un id ya recibido con los mismos datos responde duplicate (solo a la cuenta que lo envió); con otros datos, o desde otra cuenta, rejected con code conflict. Máximo MAX_BATCH formularios por lote (500 por omisión).',
  access: 'signed-in',
  body: z.strictObject({ forms: z.array(formSubmissionSchema).min(1) }),
  responses: { 200: batchAnswerSchema, 207: batchAnswerSchema, 422: batchAnswerSchema },
});

export const formSummarySchema = z
  .object({
    id: z.string(),
    formId: z.string(),
    title: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    blockCodes: z.array(z.string()),
    agent: z.string().meta({ description: 'Agente como lo escribió la app.' }),
    submittedBy: z.string().meta({ description: 'Cuenta que lo envió.' }),
    routeKey: z.string(),
    createdAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    mail: z
      .object({
        status: z.enum(['pending', 'sent']),
        attempts: z.number().int(),
        sentAt: z.iso.datetime().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'FormSummary' });

const notVisible = apiErrorFor('El agente pedido no existe o no es visible para esta cuenta.');

export const getForms = defineEndpoint({
  method: 'GET',
  path: '/forms',
  tags: ['forms'],
  summary:
    'Formularios visibles: los propios; los del equipo para un supervisor; todos para un administrador',
  access: 'signed-in',
  query: z.strictObject({
    agent: storableString()
      .max(64)
      .optional()
      .meta({ description: 'Usuario del agente (403 si no es visible).' }),
    customerCode: storableString().max(20).optional(),
    limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  }),
  responses: { 200: z.object({ forms: z.array(formSummarySchema) }) },
  errors: { 403: notVisible },
});

/** Enough to recognise a case already taken for a customer, from any agent (duplicate guard). */
export const recentFormSchema = z
  .object({
    id: z.string(),
    formId: z.string(),
    title: z.string(),
    customerCode: z.string(),
    blockCodes: z.array(z.string()),
    supervisorReason: z.string().nullable(),
    agentName: z.string().meta({ description: 'Nombre de quien lo tomó.' }),
    createdAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    mail: z.object({ status: z.enum(['pending', 'sent']), sentAt: z.iso.datetime().nullable() }).nullable(),
    ticket: z.object({ id: z.string(), dueDate: z.iso.date() }).nullable(),
  })
  .meta({ id: 'RecentForm' });
export type RecentForm = z.infer<typeof recentFormSchema>;

export const getRecentForms = defineEndpoint({
  method: 'GET',
  path: '/forms/recent',
  tags: ['forms'],
  summary: 'Casos recientes de un cliente, de cualquier agente (para no ingresar un caso dos veces)',
  description:
    'Lo mínimo para reconocer un caso ya ingresado: formulario, bloqueo, hora, quién, estado del correo y ticket. Los datos del formulario siguen visibles solo para quien puede verlos (GET /forms/:id).',
  access: 'signed-in',
  query: z.strictObject({
    customerCode: storableString().trim().min(1).max(20),
    hours: z.coerce.number<number>().int().min(1).max(72).default(12),
  }),
  responses: { 200: z.object({ forms: z.array(recentFormSchema) }) },
});

export const getForm = defineEndpoint({
  method: 'GET',
  path: '/forms/:id',
  tags: ['forms'],
  summary: 'Un formulario con sus datos',
  access: 'signed-in',
  params: z.object({ id: z.uuid() }),
  responses: { 200: formSummarySchema.extend({ submission: formSubmissionSchema }) },
  errors: {
    403: apiErrorFor('El formulario es de un agente que esta cuenta no ve.'),
    404: apiErrorFor('No existe ese formulario.'),
  },
});

/** A form's resolution by the back office: once, by a supervisor of the agent's team or an admin. */
const formResolutionSchema = z
  .object({
    id: z.string(),
    status: z.enum(FORM_STATUSES),
    resolvedAt: z.iso.datetime().nullable(),
    resolvedBy: z.string().nullable(),
    note: z.string(),
  })
  .meta({ id: 'FormResolution' });

export const postFormResolution = defineEndpoint({
  method: 'POST',
  path: '/forms/:id/resolution',
  tags: ['forms'],
  summary: 'Resuelve un formulario (resuelto / rechazado), una sola vez',
  description:
    'Repetir la misma resolución responde la ya guardada; una distinta es un conflicto (409). Un supervisor resuelve los de su equipo.',
  access: ['supervisor', 'admin'],
  params: z.object({ id: z.uuid() }),
  body: z.strictObject({
    status: z.enum(['resuelto', 'rechazado']),
    note: storableString().trim().max(2000).default(''),
  }),
  responses: { 200: formResolutionSchema },
  errors: {
    404: apiErrorFor('No existe ese formulario (o no es de su equipo).'),
    409: apiErrorFor('El formulario ya fue resuelto de otra manera.'),
  },
});

/**
 * A form the desk set aside (parked): the central failed on it alone, every time, while it took
 * the others. What the supervisor needs to follow it up, never the form's data (sending what made
 * the server fail would fail again).
 */
export const parkedFormSchema = z
  .strictObject({
    id: z.uuid({ message: 'El identificador del formulario no es válido.' }),
    formId: storableString()
      .trim()
      .min(1, 'Falta el tipo de formulario.')
      .max(40, 'El tipo de formulario es demasiado largo.'),
    customerCode: storableString().trim().max(20, 'El código de cliente es demasiado largo.'),
    customerName: storableString().max(200, 'El nombre del cliente es demasiado largo.'),
    reason: storableString()
      .trim()
      .min(1, 'Falta el motivo.')
      .max(1000, 'El motivo es demasiado largo (máximo 1000 caracteres).'),
  })
  .meta({ id: 'ParkedForm' });
export type ParkedForm = z.infer<typeof parkedFormSchema>;

/** At most this many parked forms per request (the desk sends them in pages of this size). */
export const MAX_PARKED_PER_REQUEST = 100;

export const postParkedForms = defineEndpoint({
  method: 'POST',
  path: '/forms/parked',
  tags: ['forms'],
  summary: 'Avisa al supervisor de formularios que el equipo apartó (idempotente por id)',
  description:
    'Un formulario que la central falla cada vez que lo recibe, mientras recibe los demás, queda apartado en el equipo de la ejecutiva. El equipo avisa aquí (sin los datos del formulario): se registra como rechazado y llega a la bandeja de escalamientos del supervisor, una sola vez por cuenta e id. recorded: registrado ahora; duplicate: ya estaba registrado; stored: la central ya tiene ese formulario, no hay nada que avisar.',
  access: 'signed-in',
  body: z.strictObject({
    forms: z
      .array(parkedFormSchema)
      .min(1, 'El lote está vacío.')
      .max(MAX_PARKED_PER_REQUEST, `Máximo ${MAX_PARKED_PER_REQUEST} formularios por lote.`),
  }),
  responses: {
    200: z.object({
      results: z.array(z.object({ id: z.string(), status: z.enum(['recorded', 'duplicate', 'stored']) })),
    }),
  },
});
