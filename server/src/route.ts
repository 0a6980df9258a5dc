import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  FastifySchema,
  FastifySchemaCompiler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteOptions,
} from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  isBinary,
  isNdjson,
  isStream,
  type BinaryResponse,
  type Endpoint,
  type EndpointSpec,
  type StreamResponse,
} from '../../shared/api/endpoint';

/** The app as route plugins see it: zod schemas type the requests and the replies. */
type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

type ReplySchema<R> = R extends StreamResponse | BinaryResponse ? z.ZodUnknown : R;

/** The Fastify schema an endpoint stands for, at the type level (what the handler is checked against). */
type SchemaOf<S extends EndpointSpec> = {
  params: S['params'];
  querystring: S['query'];
  body: S['body'];
  response: { [K in keyof S['responses']]: ReplySchema<S['responses'][K]> } & NonNullable<S['errors']>;
};

/** A handler for `endpoint`: its request is the parsed input, its reply must match the answers. */
type EndpointHandler<S extends EndpointSpec> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  SchemaOf<S>,
  ZodTypeProvider
>;

/** What only the server decides about a route (limits, logging, a custom body check). */
interface ServeOptions {
  config?: Omit<FastifyContextConfig, 'public' | 'roles' | 'endpoint'>;
  bodyLimit?: number;
  logLevel?: RouteOptions['logLevel'];
  validatorCompiler?: FastifySchemaCompiler<z.ZodType>;
}

const BEARER = [{ bearerAuth: [] }];
/** A file in OpenAPI terms (a Buffer reply is sent as is, never serialised). */
const BINARY_FILE = z.string().meta({ format: 'binary' });

/** The route schema for Fastify and @fastify/swagger, from the definition. */
function fastifySchema(endpoint: Endpoint): FastifySchema & Record<string, unknown> {
  const response: Record<number, unknown> = {};
  for (const [status, spec] of Object.entries(endpoint.responses)) {
    response[Number(status)] = isStream(spec)
      ? {
          description: spec.description,
          content: {
            [spec.contentType]: {
              // A JSON line; or one event's data (which event: its `event:` line).
              schema: isNdjson(spec) ? spec.line : z.union(Object.values(spec.events)),
            },
          },
        }
      : isBinary(spec)
        ? { description: spec.description, content: { [spec.contentType]: { schema: BINARY_FILE } } }
        : spec;
  }
  Object.assign(response, endpoint.errorResponses);
  return {
    tags: [...endpoint.tags],
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    ...(endpoint.access === 'public' ? {} : { security: BEARER }),
    ...(endpoint.params ? { params: endpoint.params } : {}),
    ...(endpoint.query ? { querystring: endpoint.query } : {}),
    ...(endpoint.body ? { body: endpoint.body } : {}),
    // A raw body is described for OpenAPI only; rawBodyValidator lets the stream through unchecked.
    ...(endpoint.rawBody
      ? {
          consumes: [endpoint.rawBody.contentType],
          body: z.string().meta({ description: endpoint.rawBody.description }),
        }
      : {}),
    response,
  };
}

/** A raw body (an upload stream) passes as is; params and query are checked as everywhere. */
const rawBodyValidator: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === 'body' ? (data) => ({ value: data }) : validatorCompiler(route);

/**
 * Registers the route of a shared endpoint: method, path, schemas, who may call it (read by the
 * auth hook) and the OpenAPI entry all come from the definition; the server adds only the handler
 * and its own limits.
 */
export function serve<S extends EndpointSpec>(
  app: ZodApp,
  endpoint: Endpoint<S>,
  handler: EndpointHandler<S>,
  options: ServeOptions = {},
): void {
  const generic = endpoint as Endpoint;
  const validator = options.validatorCompiler ?? (generic.rawBody ? rawBodyValidator : undefined);
  app.route({
    method: generic.method,
    url: generic.path,
    schema: fastifySchema(generic),
    config: {
      ...options.config,
      ...(generic.rateLimited === false ? { rateLimit: false } : {}),
      public: generic.access === 'public',
      ...(Array.isArray(generic.access) ? { roles: generic.access } : {}),
      endpoint: generic,
    },
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(validator ? { validatorCompiler: validator as FastifySchemaCompiler<FastifySchema> } : {}),
    handler: handler as RouteHandlerMethod,
  });
}

/**
 * Refuses, at start-up, any route registered without a shared definition or with another method
 * or path than its definition's: every endpoint is in shared/api and in the OpenAPI document.
 * Fastify's automatic HEAD twin of a GET route shares the GET's definition.
 */
export function requireEndpointDefinitions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const endpoint = (route.config as { endpoint?: Endpoint } | undefined)?.endpoint;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const matches =
      endpoint &&
      route.url === endpoint.path &&
      methods.every(
        (method) => method === endpoint.method || (method === 'HEAD' && endpoint.method === 'GET'),
      );
    if (!matches) {
      throw new Error(
        `${methods.join(',')} ${route.url}: every route is registered with serve() from its shared/api definition`,
      );
    }
  });
}
