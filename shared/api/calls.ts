import { z } from 'zod';
import { storableString } from '../text/storable';
import { plausibleTimestamp } from '../validation/dates';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';

const direction = z.enum(['entrante', 'saliente']);

/** A call as the desktop logs it; the id is the client's, so resends are harmless. */
const callInSchema = z
  .strictObject({
    id: z.uuid(),
    direction,
    number: storableString().trim().min(1).max(32),
    customerCode: storableString().trim().max(20).optional(),
    startedAt: plausibleTimestamp(),
    endedAt: plausibleTimestamp().optional(),
    outcome: storableString().max(200).default(''),
  })
  .meta({ id: 'Call' });

const callSchema = z
  .object({
    id: z.string(),
    agent: z.string(),
    direction,
    number: z.string(),
    customerCode: z.string().nullable(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    outcome: z.string(),
  })
  .meta({ id: 'LoggedCall' });

export const postCallsBatch = defineEndpoint({
  method: 'POST',
  path: '/calls/batch',
  tags: ['calls'],
  summary: 'Registra llamadas del agente (idempotente por id)',
  access: 'signed-in',
  body: z.strictObject({ calls: z.array(callInSchema).min(1).max(500) }),
  responses: { 200: z.object({ accepted: z.number().int(), duplicate: z.number().int() }) },
});

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
  responses: { 200: z.object({ calls: z.array(callSchema) }) },
  errors: { 403: apiErrorFor('El agente pedido no existe o no es visible para esta cuenta.') },
});
