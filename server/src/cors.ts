import type { FastifyInstance } from 'fastify';

/**
 * CORS for the app's own pages only: the web build (served on this machine by `npm run web`, any
 * port) and Electron's file:// pages (whose Origin is "null"). CORS_ORIGINS replaces the list:
 * exact origins, `scheme://host:*` for any port, `null`, or `*` (any page; not advised).
 *
 * Bearer tokens, no cookies — but a page the agent happens to visit must still not reach the
 * intranet back office through the agent's browser (probing it, guessing passwords), so foreign
 * origins get no CORS headers and their preflights a 403. Private Network Access
 * (`Access-Control-Allow-Private-Network`) is granted only to origins listed by name: the app's own
 * pages are local or private already and never need it, while "null" is also what a sandboxed
 * frame of a public page sends.
 * Registered before authentication: a preflight carries no token.
 */
export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*', 'null'];

type Rule = { any: true } | { exact: string; named: boolean } | { prefix: string };

function rules(allowed: readonly string[]): Rule[] {
  return allowed.map((entry): Rule => {
    if (entry === '*') return { any: true };
    if (entry.endsWith(':*')) return { prefix: entry.slice(0, -1) };
    return { exact: entry.replace(/\/+$/, ''), named: entry !== 'null' };
  });
}

/** The origin to echo, whether it may have Private Network Access, or null when not allowed. */
export function corsDecision(
  allowed: readonly string[],
  origin: string | undefined,
): { allowOrigin: string; privateNetwork: boolean } | null {
  if (!origin) return null;
  for (const rule of rules(allowed)) {
    if ('any' in rule) return { allowOrigin: '*', privateNetwork: false };
    if ('exact' in rule && rule.exact === origin) return { allowOrigin: origin, privateNetwork: rule.named };
    if (
      'prefix' in rule &&
      origin.startsWith(rule.prefix) &&
      /^\d{1,5}$/.test(origin.slice(rule.prefix.length))
    )
      return { allowOrigin: origin, privateNetwork: false };
  }
  return null;
}

export function registerCors(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const decision = corsDecision(allowed, origin);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'];
    if (origin) reply.header('vary', 'Origin');
    if (!decision) {
      if (origin && preflight) {
        return reply.code(403).send({
          statusCode: 403,
          error: 'Forbidden',
          message: 'Origen no permitido: esta central solo atiende a la aplicación Companion (CORS_ORIGINS).',
        });
      }
      return;
    }
    reply.header('access-control-allow-origin', decision.allowOrigin);
    // The app reads Date to detect clock skew and the directory headers for progress.
    reply.header('access-control-expose-headers', 'Date, Retry-After, X-Directory-Cursor, X-Directory-Count');
    if (preflight) {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
      reply.header('access-control-allow-headers', 'Authorization, Content-Type');
      reply.header('access-control-max-age', '600');
      if (decision.privateNetwork && request.headers['access-control-request-private-network'] === 'true') {
        reply.header('access-control-allow-private-network', 'true');
      }
      return reply.code(204).send();
    }
  });
}
