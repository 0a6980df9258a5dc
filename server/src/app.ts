import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getHealth, getOpenApi } from '../../shared/api/ops';
import { AuthCache, registerAuth } from './auth/plugin';
import { authRoutes } from './auth/routes';
import { boardRoutes } from './board/routes';
import { syncProcedureCatalog } from './cases/catalog';
import { MailboxCache } from './cases/mailboxes';
import { CaseRoleCache } from './cases/roles';
import { caseRoutes } from './cases/routes';
import { callRoutes } from './calls/routes';
import type { ServerConfig } from './config';
import { registerCors } from './cors';
import type { Db } from './db/types';
import { directoryRoutes } from './directory/routes';
import { formResolutionRoutes } from './forms/resolution';
import { escalationRoutes } from './escalations/routes';
import { formRoutes } from './forms/routes';
import type { RouteDeps } from './http';
import { requireEndpointDefinitions, serve } from './route';
import { RouteCache } from './routing/table';
import { routingRoutes } from './routing/routes';
import { ticketRoutes } from './tickets/routes';

// zod's own messages (wrong type, bad uuid…) in Spanish, like the app's field messages.
z.config(z.locales.es());

export interface AppOptions {
  db: Db;
  config: ServerConfig;
  /** A pino logger, `false` for none, or Fastify logger options. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  kickMail?: () => void;
  now?: () => Date;
  /** The board's read replica, when there is one. */
  boardDb?: Db;
}

function rateLimitKey(authorization: string | undefined, ip: string): string {
  // Per token when there is one (several agents may share a NAT address), else per address.
  return authorization
    ? `t:${createHash('sha256').update(authorization).digest('base64url').slice(0, 22)}`
    : `ip:${ip}`;
}

/** The HTTP service, ready to `listen` or `inject`: everything it needs comes in `options`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, config } = options;
  const loggerOption =
    options.logger && typeof (options.logger as { child?: unknown }).child === 'function'
      ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
      : { logger: (options.logger ?? false) as FastifyServerOptions['logger'] };
  const app = Fastify({
    ...loggerOption,
    bodyLimit: config.bodyLimit,
    // In-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        path: issue.instancePath || '/',
        message: issue.message ?? '',
      }));
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `Solicitud inválida: ${issues.map((i) => `${i.path} ${i.message}`).join(' · ')}`.slice(
          0,
          1000,
        ),
        issues,
      });
    }
    const err = error as Error & { statusCode?: number; code?: string };
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `La solicitud supera el tamaño máximo (${Math.round(config.bodyLimit / 1024)} KB).`,
      });
    }
    if (status >= 400 && status < 500) {
      const messages: Record<string, string> = {
        FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Tipo de contenido no admitido: envíe JSON.',
        FST_ERR_CTP_EMPTY_JSON_BODY: 'El cuerpo JSON está vacío.',
        FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length no coincide con el cuerpo.',
      };
      const message =
        (err.code && messages[err.code]) || (err.name === 'SyntaxError' ? 'JSON mal formado.' : err.message);
      return reply
        .code(status)
        .send({ statusCode: status, error: status === 429 ? 'Too Many Requests' : 'Bad Request', message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Error interno del servidor: intente nuevamente más tarde.',
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Companion back office',
        description:
          'Sincronización de Companion: directorio, formularios, tickets postventa. Todo salvo /healthz y /auth/login requiere token Bearer.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  registerCors(app, config.corsOrigins);

  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    keyGenerator: (request) => rateLimitKey(request.headers.authorization, request.ip),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Demasiadas solicitudes: espere ${Math.ceil(context.ttl / 1000)} s e intente nuevamente.`,
    }),
  });

  // Graceful shutdown: requests in flight at close() finish, and their keep-alive connections are
  // told to close instead of holding the process open until their idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // Every route comes from its shared/api definition (server/src/route.ts); anything else fails here.
  requireEndpointDefinitions(app);

  const authCache = new AuthCache(config.authCacheMs);
  registerAuth(app, db, authCache);

  serve(
    app,
    getHealth,
    async (_request, reply) => {
      try {
        await db.query('SELECT 1');
        return { status: 'ok' as const, db: db.kind };
      } catch {
        return reply.code(503).send({ status: 'error' as const, db: db.kind });
      }
    },
    { logLevel: 'warn' },
  );

  serve(app, getOpenApi, async () => {
    const document = app.swagger();
    if (!('openapi' in document)) throw new Error('@fastify/swagger built a Swagger 2 document');
    return { ...document, info: { ...document.info }, paths: { ...document.paths } };
  });

  const deps: RouteDeps = {
    db,
    config,
    kickMail: options.kickMail ?? (() => {}),
    now: options.now ?? (() => new Date()),
    routes: new RouteCache(),
    authCache,
    boardDb: options.boardDb,
  };
  await app.register(authRoutes, deps);
  await app.register(formRoutes, deps);
  await app.register(directoryRoutes, deps);
  await app.register(ticketRoutes, deps);
  await app.register(callRoutes, deps);
  await app.register(routingRoutes, deps);
  await app.register(formResolutionRoutes, deps);
  await app.register(boardRoutes, deps);
  await syncProcedureCatalog(db);
  await app.register(caseRoutes, {
    ...deps,
    caseRoles: new CaseRoleCache(config.authCacheMs),
    mailboxes: new MailboxCache(config.authCacheMs),
  });
  await app.register(escalationRoutes, deps);
  await app.ready();
  return app;
}
