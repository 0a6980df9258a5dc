import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
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
import { chileanCalendar } from '../../shared/calendar/chile';
import { cutText, toStorableText } from '../../shared/text/storable';
import { WindowCounter, registerAddressLimit } from './addressLimit';
import { AuthCache, registerAuth, sendError } from './auth/plugin';
import { accountRoutes } from './auth/accountRoutes';
import { authRoutes } from './auth/routes';
import { boardRoutes } from './board/routes';
import { syncProcedureCatalog } from './cases/catalog';
import { MailboxCache } from './cases/mailboxes';
import { CaseRoleCache } from './cases/roles';
import { caseRoutes } from './cases/routes';
import { callRoutes } from './calls/routes';
import type { ServerConfig } from './config';
import { registerCors } from './cors';
import { classifyDbError } from './db/errors';
import type { Db } from './db/types';
import { directoryRoutes } from './directory/routes';
import { formResolutionRoutes } from './forms/resolution';
import { escalationRoutes } from './escalations/routes';
import { formRoutes } from './forms/routes';
import { isClientError, type RouteDeps } from './http';
import { requireEndpointDefinitions, serve } from './route';
import { RouteCache } from './routing/table';
import { routingRoutes } from './routing/routes';
import { ticketRoutes } from './tickets/routes';

// zod's own messages (wrong type, bad uuid…) in Spanish, like the app's field messages.
z.config(z.locales.es());

// Fastify's own client errors, in Spanish (its messages are English and meant for developers).
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Tipo de contenido no admitido: envíe JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'El cuerpo JSON está vacío.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'JSON mal formado: revise el cuerpo de la solicitud.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length no coincide con el cuerpo.',
  FST_ERR_CTP_INVALID_TYPE: 'Falta el tipo de contenido (Content-Type).',
  FST_ERR_BAD_URL: 'Dirección mal formada.',
};

function clientErrorMessage(err: Error & { code?: string }, status: number): string {
  if (err.code && FASTIFY_MESSAGES[err.code]) return FASTIFY_MESSAGES[err.code]!;
  if (err.name === 'SyntaxError') return FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY!;
  // Ours (clientError) and the rate limiter's speak Spanish already; a library's get a plain sentence.
  if (status === 429 || isClientError(err)) return err.message;
  if (status === 415) return FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_MEDIA_TYPE!;
  return status === 404 ? 'No existe.' : 'Solicitud inválida.';
}

/** One row of each table the service lives on: a damaged file or a revoked grant shows here. */
const HEALTH_QUERY = `SELECT ${[
  'users',
  'sessions',
  'forms',
  'mail_outbox',
  'customers',
  'tickets',
  'calls',
  'routes',
]
  .map((table) => `(SELECT 1 FROM ${table} LIMIT 1) AS ${table}`)
  .join(', ')}`;

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
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // In-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    // A URL that is not valid percent-encoding (a lone surrogate, a cut byte) or too long a
    // parameter: answered before any route, in Spanish like everything else.
    frameworkErrors: (error, _request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      void sendError(reply as FastifyReply, status, FASTIFY_MESSAGES.FST_ERR_BAD_URL!);
    },
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
        // The path may hold what was sent (a record's key): never echo a NUL or a cut emoji.
        message: cutText(
          toStorableText(`Solicitud inválida: ${issues.map((i) => `${i.path} ${i.message}`).join(' · ')}`),
          1000,
        ),
        issues,
      });
    }
    const err = error as Error & { statusCode?: number; code?: string };
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const message = isClientError(err)
        ? err.message
        : `La solicitud supera el tamaño máximo (${Math.round(config.bodyLimit / 1024)} KB).`;
      return sendError(reply, 413, message);
    }
    if (status >= 400 && status < 500) return sendError(reply, status, clientErrorMessage(err, status));
    const db = classifyDbError(error);
    if (db === 'input') {
      // The schemas should have said it per field; the database caught it instead. Not a 500.
      request.log.warn({ err: error }, 'input the database refused');
      return sendError(
        reply,
        400,
        'La central no puede guardar estos datos (caracteres no válidos o números fuera de rango): revise el texto enviado.',
      );
    }
    if (db === 'unavailable') {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return reply.code(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message:
          'La central no puede usar su base de datos en este momento: intente nuevamente en unos minutos.',
      });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Error interno del servidor: intente nuevamente más tarde.',
    });
  });

  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, 404, 'No existe esa dirección en la central.'),
  );

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

  // Per address, first of all: before CORS, before any token is looked up.
  registerAddressLimit(app, new WindowCounter(config.rateLimitIpMax, config.rateLimitWindowMs));
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
  registerAuth(app, db, authCache, new WindowCounter(config.authFailuresMax, config.rateLimitWindowMs));

  serve(
    app,
    getHealth,
    async (request, reply) => {
      try {
        await db.query(HEALTH_QUERY);
        return { status: 'ok' as const, db: db.kind };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        request.log.error({ err: detail }, 'health check: the database cannot read its tables');
        return reply.code(503).send({
          status: 'error' as const,
          db: db.kind,
          problem: cutText(`La base de datos no responde o no puede leer sus tablas: ${detail}`, 300),
        });
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
    calendar: chileanCalendar({ timeZone: config.timeZone }),
    routes: new RouteCache(),
    authCache,
    boardDb: options.boardDb,
  };
  await app.register(authRoutes, deps);
  await app.register(accountRoutes, deps);
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
