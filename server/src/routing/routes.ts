import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AREAS } from '../../../shared/blocks/areas';
import { bearer, errorResponses, type RouteDeps } from '../http';
import { ROUTE_KEYS } from './resolve';
import { loadRoutes, saveRoute } from './table';

const routeSchema = z
  .object({
    key: z.enum(ROUTE_KEYS as [string, ...string[]]),
    areaId: z.string(),
    recipients: z.array(z.string()),
    toSupervisor: z.boolean(),
    createsTicket: z.boolean(),
  })
  .meta({ id: 'Route' });

export const routingRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, routes }) => {
  app.get('/admin/routes', {
    config: { roles: ['admin', 'supervisor'] },
    schema: {
      tags: ['admin'],
      summary: 'Tabla de derivación por bloqueo',
      security: bearer,
      response: { 200: z.object({ routes: z.array(routeSchema) }), ...errorResponses },
    },
    handler: async () => ({
      routes: [...(await loadRoutes(db)).values()].sort((a, b) => a.key.localeCompare(b.key)),
    }),
  });

  app.put('/admin/routes/:key', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Cambia el destino de un bloqueo',
      security: bearer,
      params: z.object({ key: z.enum(ROUTE_KEYS as [string, ...string[]]) }),
      body: z.strictObject({
        areaId: z.enum(Object.keys(AREAS) as [string, ...string[]]),
        recipients: z.array(z.email().max(254)).max(20),
        toSupervisor: z.boolean().default(false),
        createsTicket: z.boolean().default(false),
      }),
      response: { 200: routeSchema, ...errorResponses },
    },
    handler: async (request) => {
      const saved = await saveRoute(db, {
        key: request.params.key as (typeof ROUTE_KEYS)[number],
        ...request.body,
      });
      routes.invalidate();
      request.log.info({ route: saved.key, recipients: saved.recipients }, 'route changed');
      return saved;
    },
  });
};
