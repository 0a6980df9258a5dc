import { z } from 'zod';
import { apiErrorSchema } from './errors';
import type { Role } from './roles';

/**
 * One HTTP endpoint, written once: method, path, who may call it, the request's parts and every
 * answer by status. The server registers its route from it (server/src/route.ts), the OpenAPI
 * document is generated from it, and the app's client builds its requests and parses the answers
 * with it (renderer/features/sync/backOfficeApi.ts). See ./README.md.
 */
type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** No token; any signed-in user; or only these roles (others get 403). */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** An answer streamed as JSON lines (NDJSON), each parsed with `line`. */
export interface NdjsonResponse<Line extends z.ZodType = z.ZodType> {
  kind: 'ndjson';
  contentType: 'application/x-ndjson';
  description: string;
  line: Line;
}

/**
 * An answer streamed as server-sent events (text/event-stream) that lasts while the caller listens:
 * each named event's `data` is JSON parsed with its schema.
 */
export interface EventStreamResponse<Events extends Record<string, z.ZodType> = Record<string, z.ZodType>> {
  kind: 'event-stream';
  contentType: 'text/event-stream';
  description: string;
  events: Events;
}

/** An answer that is not one JSON document. */
export type StreamResponse = NdjsonResponse | EventStreamResponse;

type ResponseSpec = z.ZodType | StreamResponse | BinaryResponse;

/** A file answered as is (e.g. an .xlsx download), with its content type. */
export interface BinaryResponse {
  kind: 'binary';
  contentType: string;
  description: string;
}

export interface EndpointSpec {
  method: HttpMethod;
  /** Fastify syntax: `/forms/:id`; every `:name` is a key of `params`. */
  path: `/${string}`;
  tags: readonly [string, ...string[]];
  /** Spanish, like the rest of the OpenAPI document. */
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body. */
  body?: z.ZodType;
  /** A body that is not JSON (e.g. a CSV upload): streamed to the handler as is. */
  rawBody?: { contentType: string; description: string };
  /** The answers a caller acts on, by status (200, 201, 204, and e.g. 207/422 that carry results). */
  responses: { [status: number]: ResponseSpec };
  /**
   * This endpoint's own error statuses (404, 409…), each with the error envelope or an extension of
   * it. The ones every endpoint may answer are added by `defineEndpoint` (see `commonErrors`).
   */
  errors?: { [status: number]: z.ZodType };
  /** `false` exempts the endpoint from the per-token rate limit (the health check). */
  rateLimited?: boolean;
}

export type Endpoint<S extends EndpointSpec = EndpointSpec> = S & {
  /** Every error status this endpoint may answer: the common ones and its own, with their schemas. */
  readonly errorResponses: { readonly [status: number]: z.ZodType };
};

/** `:name` segments of a path. */
function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
}

/**
 * The error statuses that follow from the endpoint's shape: 400 for any input (the envelope says
 * which field), 401 without a valid token, 403 outside the roles, 413/415 for a body too large or
 * not in the expected format, 429 past the rate limit, 500 for the unforeseen.
 */
export function commonErrors(spec: EndpointSpec): number[] {
  const statuses: number[] = [];
  if (spec.params || spec.query || spec.body || spec.rawBody) statuses.push(400);
  if (spec.access !== 'public') statuses.push(401);
  if (Array.isArray(spec.access)) statuses.push(403);
  if (spec.body || spec.rawBody) statuses.push(413, 415);
  if (spec.rateLimited !== false) statuses.push(429);
  statuses.push(500);
  return statuses;
}

/**
 * Defines an endpoint. Checked when the module loads: the path's `:params` and the params schema
 * name the same keys, and no status is both an answer and an error.
 */
export function defineEndpoint<const S extends EndpointSpec>(spec: S): Endpoint<S> {
  const where = `${spec.method} ${spec.path}`;
  const inPath = pathParamNames(spec.path).sort();
  const inSchema = Object.keys(spec.params?.shape ?? {}).sort();
  if (inPath.join() !== inSchema.join()) {
    throw new Error(`${where}: path params [${inPath}] differ from the params schema [${inSchema}]`);
  }
  const errorResponses: Record<number, z.ZodType> = {};
  for (const status of commonErrors(spec)) {
    if (!(status in spec.responses)) errorResponses[status] = apiErrorSchema;
  }
  for (const [status, schema] of Object.entries(spec.errors ?? {})) {
    if (status in spec.responses) throw new Error(`${where}: ${status} is both an answer and an error`);
    errorResponses[Number(status)] = schema;
  }
  return { ...spec, errorResponses };
}

/** `z.input` of an optional schema property (`never` when the endpoint has none). */
type InputOf<T> = T extends z.ZodType ? z.input<T> : never;
type OutputOf<T> = T extends z.ZodType
  ? z.output<T>
  : T extends NdjsonResponse<infer L>
    ? z.output<L>[]
    : T extends EventStreamResponse<infer E>
      ? Array<{ [K in keyof E]: { event: K; data: z.output<E[K]> } }[keyof E]>
      : T extends BinaryResponse
        ? Uint8Array
        : never;

/** What a caller gives to build a request: only the parts the endpoint has; optional when all optional. */
export type RequestInput<S extends EndpointSpec> = (S['params'] extends z.ZodType
  ? { params: InputOf<S['params']> }
  : { params?: never }) &
  (S['query'] extends z.ZodType
    ? object extends InputOf<S['query']>
      ? { query?: InputOf<S['query']> }
      : { query: InputOf<S['query']> }
    : { query?: never }) &
  (S['body'] extends z.ZodType ? { body: InputOf<S['body']> } : { body?: never });

/** The statuses of an endpoint's answers (`responses`), as numbers. */
export type AnswerStatus<S extends EndpointSpec> = Extract<keyof S['responses'], number>;

/** The parsed body of an answer with one of `Status`. */
export type AnswerBody<S extends EndpointSpec, Status extends AnswerStatus<S> = AnswerStatus<S>> = {
  [K in Status]: OutputOf<S['responses'][K]>;
}[Status];

export interface BuiltRequest {
  method: HttpMethod;
  /** Path with params filled in and the query string, relative to the server's base URL. */
  path: string;
  /** JSON text of the body, when the endpoint takes one. */
  body?: string;
}

function encodeQuery(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The request for `input`, ready for any fetch: params filled and encoded, query, JSON body. */
export function buildRequest<S extends EndpointSpec>(
  endpoint: Endpoint<S>,
  input: RequestInput<S>,
): BuiltRequest {
  const { params, query, body } = input as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  const path = endpoint.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${endpoint.method} ${endpoint.path}: missing path param ${name}`);
    }
    return encodeURIComponent(String(value));
  });
  return {
    method: endpoint.method,
    path: path + encodeQuery(query ?? {}),
    ...(endpoint.body && body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
}

type RequestCheck = { ok: true } | { ok: false; problems: string[] };

/**
 * Checks a request as sent (method, path with query, JSON body) against the endpoint, the way the
 * server will: what a contract test asks of every request the app makes.
 */
export function checkRequest(
  endpoint: Endpoint,
  request: { method: string; path: string; body?: unknown },
): RequestCheck {
  const problems: string[] = [];
  if (request.method.toUpperCase() !== endpoint.method) problems.push(`method ${request.method}`);
  const [pathname = '', search = ''] = request.path.split('?', 2);
  const pattern = new RegExp(
    `^${endpoint.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z0-9_]+)/g, '(?<$1>[^/]+)')}$`,
  );
  const match = pattern.exec(pathname);
  if (!match) problems.push(`path ${pathname} is not ${endpoint.path}`);
  const check = (part: string, schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return;
    const result = schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`${part}.${issue.path.join('.')}: ${issue.message}`);
    }
  };
  if (match) {
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    check('params', endpoint.params, params);
  }
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key = '', value = ''] = pair.split('=', 2);
    query[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, ' '));
  }
  if (endpoint.query) check('query', endpoint.query, query);
  else if (Object.keys(query).length) problems.push('query string on an endpoint without query');
  if (endpoint.body) check('body', endpoint.body, request.body);
  else if (request.body !== undefined && request.body !== null && !endpoint.rawBody)
    problems.push('body on an endpoint without body');
  return problems.length ? { ok: false, problems } : { ok: true };
}

/**
 * How to read an answer with `status`: an answer the caller acts on (with its schema), an error
 * (envelope), or a status the endpoint does not declare.
 */
export function responseFor(
  endpoint: Endpoint,
  status: number,
): { kind: 'answer'; spec: ResponseSpec } | { kind: 'error'; schema: z.ZodType } | { kind: 'undeclared' } {
  const answer = endpoint.responses[status];
  if (answer) return { kind: 'answer', spec: answer };
  const error = endpoint.errorResponses[status];
  if (error) return { kind: 'error', schema: error };
  return { kind: 'undeclared' };
}

export function isNdjson(spec: ResponseSpec): spec is NdjsonResponse {
  return (spec as NdjsonResponse).kind === 'ndjson';
}

export function isStream(spec: ResponseSpec): spec is StreamResponse {
  return isNdjson(spec) || (spec as EventStreamResponse).kind === 'event-stream';
}

export function eventStream<const Events extends Record<string, z.ZodType>>(
  events: Events,
  description: string,
): EventStreamResponse<Events> {
  return { kind: 'event-stream', contentType: 'text/event-stream', description, events };
}

export function isBinary(spec: ResponseSpec): spec is BinaryResponse {
  return (spec as BinaryResponse).kind === 'binary';
}

export function binary(contentType: string, description: string): BinaryResponse {
  return { kind: 'binary', contentType, description };
}

export function ndjson<Line extends z.ZodType>(line: Line, description: string): NdjsonResponse<Line> {
  return { kind: 'ndjson', contentType: 'application/x-ndjson', description, line };
}
