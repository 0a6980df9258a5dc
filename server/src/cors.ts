import type { FastifyInstance } from 'fastify';

/**
 * CORS for the web build of the app (another origin than the server) and Electron's file:// pages.
 * Any origin by default: the API authenticates with a bearer header, never cookies, so a foreign
 * page gains nothing a script could not do directly. CORS_ORIGINS narrows it to a list.
 * Registered before rate limiting and authentication: a preflight carries no token.
 */
export function registerCors(app: FastifyInstance, allowed: readonly string[]): void {
  const allowOrigin = (origin: string | undefined): string | null => {
    if (!origin) return null;
    if (allowed.includes('*')) return '*';
    return allowed.includes(origin) ? origin : null;
  };
  app.addHook('onRequest', async (request, reply) => {
    const origin = allowOrigin(request.headers.origin);
    if (!origin) return;
    reply.header('access-control-allow-origin', origin);
    if (origin !== '*') reply.header('vary', 'Origin');
    // The app reads Date to detect clock skew and the directory headers for progress.
    reply.header('access-control-expose-headers', 'Date, Retry-After, X-Directory-Cursor, X-Directory-Count');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
      reply.header('access-control-allow-headers', 'Authorization, Content-Type');
      reply.header('access-control-max-age', '600');
      if (request.headers['access-control-request-private-network'] === 'true') {
        reply.header('access-control-allow-private-network', 'true');
      }
      return reply.code(204).send();
    }
  });
}
