import { z } from 'zod';
import { defineEndpoint } from './endpoint';

export const getHealth = defineEndpoint({
  method: 'GET',
  path: '/healthz',
  tags: ['ops'],
  summary: 'Estado del servicio (sin token)',
  access: 'public',
  rateLimited: false,
  responses: {
    200: z.object({ status: z.literal('ok'), db: z.string() }),
    503: z.object({ status: z.literal('error'), db: z.string() }),
  },
});

export const getOpenApi = defineEndpoint({
  method: 'GET',
  path: '/openapi.json',
  tags: ['ops'],
  summary: 'Esta descripción OpenAPI, generada de shared/api',
  access: 'signed-in',
  responses: {
    200: z.looseObject({
      openapi: z.string(),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.unknown()),
    }),
  },
});
