import type { FastifyPluginAsync } from 'fastify';
import { getRoutes, putRoute } from '../../../shared/api/routing';
import type { RouteDeps } from '../http';
import { serve, type ZodApp } from '../route';
import { loadRoutes, saveRoute } from './table';

export const routingRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { db, routes }) => {
  const app = fastify as ZodApp;

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
