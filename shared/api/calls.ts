import { z } from 'zod';
import { CALL_RECORD_OUTCOMES, callRecordSchema } from '../telephony/callRecord';
import { storableString } from '../text/storable';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';

/** One verdict per call, in the order sent; `id` is the desk's call id, null when unreadable. */
const callVerdictSchema = z
  .discriminatedUnion('status', [
    z.object({
      id: z.string().nullable(),
      status: z.literal('accepted').meta({ description: 'Guardada ahora.' }),
    }),
    z.object({
      id: z.string().nullable(),
      status: z.literal('duplicate').meta({ description: 'Ya estaba guardada: éxito para la app.' }),
    }),
    z.object({
      id: z.string().nullable(),
      status: z.literal('rejected').meta({ description: 'No se guardó.' }),
      reason: z.string().meta({ description: 'Motivo, en español.' }),
    }),
  ])
  .meta({ id: 'CallVerdict' });
export type CallVerdict = z.infer<typeof callVerdictSchema>;

const callBatchAnswerSchema = z
  .object({
    results: z.array(callVerdictSchema),
    accepted: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
  })
  .meta({ id: 'CallBatchAnswer' });

export const postCallsBatch = defineEndpoint({
  method: 'POST',
  path: '/calls/batch',
  tags: ['calls'],
  summary: 'Registro de llamadas del escritorio (idempotente por agente e id de llamada)',
  description:
    'Cada llamada se valida por separado con el esquema compartido (shared/telephony/callRecord.ts). 200: ninguna rechazada; 207: algunas; 422: todas. Reenviar una llamada ya guardada responde duplicate. Máximo MAX_BATCH llamadas por lote.',
  access: 'signed-in',
  body: z.strictObject({ calls: z.array(callRecordSchema).min(1) }),
  responses: { 200: callBatchAnswerSchema, 207: callBatchAnswerSchema, 422: callBatchAnswerSchema },
});

const loggedCallSchema = z
  .object({
    id: z.string(),
    agent: z.string(),
    direction: z.enum(['incoming', 'outgoing']),
    number: z.string().nullable(),
    displayName: z.string().nullable(),
    customerCode: z.string().nullable(),
    blockCodes: z.array(z.string()),
    startedAt: z.iso.datetime(),
    answeredAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    outcome: z.enum(CALL_RECORD_OUTCOMES).or(z.string()),
    transferTarget: z.string().nullable(),
  })
  .meta({ id: 'LoggedCall' });

export const getCalls = defineEndpoint({
  method: 'GET',
  path: '/calls',
  tags: ['calls'],
  summary: 'Llamadas visibles: las propias; las del equipo para un supervisor',
  access: 'signed-in',
  query: z.strictObject({
    agent: storableString().max(64).optional(),
    limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  }),
  responses: { 200: z.object({ calls: z.array(loggedCallSchema) }) },
  errors: { 403: apiErrorFor('El agente pedido no existe o no es visible para esta cuenta.') },
});
