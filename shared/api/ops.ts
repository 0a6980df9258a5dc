import { z } from 'zod';
import { defineEndpoint } from './endpoint';

export const getHealth = defineEndpoint({
  method: 'GET',
  path: '/healthz',
  tags: ['ops'],
  summary: 'Estado del servicio (sin token)',
  description:
    'Lee una fila de cada tabla principal: una base que responde pero no puede leer sus tablas (archivos dañados, permisos) es un error.',
  access: 'public',
  rateLimited: false,
  responses: {
    200: z.object({ status: z.literal('ok'), db: z.string() }),
    503: z.object({
      status: z.literal('error'),
      db: z.string(),
      problem: z.string().meta({ description: 'Qué falla, para el operador.' }),
    }),
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
