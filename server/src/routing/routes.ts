import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getRoutes, putRoute } from '../../../shared/api/routing';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { loadRoutes, saveRoute } from './table';

export const routingRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, routes }) => {
  serve(app, getRoutes, async () => ({
    routes: [...(await loadRoutes(db)).values()].sort((a, b) => a.key.localeCompare(b.key)),
  }));

  serve(app, putRoute, async (request) => {
    const saved = await saveRoute(db, { key: request.params.key, ...request.body });
    routes.invalidate();
    request.log.info({ route: saved.key, recipients: saved.recipients }, 'route changed');
    return saved;
  });
};
