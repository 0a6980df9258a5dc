import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Endpoint } from '../../../shared/api/endpoint';
import type { Role } from '../../../shared/api/roles';
import { tooMany, type WindowCounter } from '../addressLimit';
import type { Db } from '../db/types';
import { hashToken } from './tokens';
import { USER_COLUMNS, toUser, type User } from './users';

export interface AuthUser extends User {
  /** E-mail of the agent's supervisor: where the "supervisor" route sends. */
  supervisorEmail: string | null;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyContextConfig {
    /** No token needed (health, sign-in). */
    public?: boolean;
    /** Only these roles; everyone signed in when absent. */
    roles?: readonly Role[];
    /** The shared/api definition the route was registered from (server/src/route.ts). */
    endpoint?: Endpoint;
  }
}

// RFC 7235: the scheme name is case-insensitive ("bearer", "BEARER").
const BEARER = /^Bearer +([A-Za-z0-9_-]{20,200}) *$/i;

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  const error = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    503: 'Service Unavailable',
  }[statusCode];
  return reply.code(statusCode).send({ statusCode, error: error ?? 'Error', message, ...extra });
}

export async function authenticate(db: Db, request: FastifyRequest): Promise<AuthUser | null> {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match) return null;
  const tokenHash = hashToken(match[1]!);
  const { rows } = await db.query<Parameters<typeof toUser>[0] & { supervisor_email: string | null }>(
    `SELECT ${USER_COLUMNS}, s.email AS supervisor_email
       FROM sessions t
       JOIN users u ON u.id = t.user_id
       LEFT JOIN users s ON s.id = u.supervisor_id
      WHERE t.token_hash = $1 AND t.expires_at > now() AND NOT u.disabled`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  return { ...toUser(row), supervisorEmail: row.supervisor_email || null, tokenHash };
}

/**
 * Checked tokens, kept for `ttlMs`: saves a database round trip on every request. Sign-out and
 * refresh on this process drop the entry at once; a sign-out, password change or disabled
 * account elsewhere takes effect here within `ttlMs`.
 */
export class AuthCache {
  private readonly entries = new Map<string, { user: AuthUser; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get(tokenHash: string): AuthUser | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (entry.until < Date.now()) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry.user;
  }

  set(user: AuthUser): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(user.tokenHash, { user, until: Date.now() + this.ttlMs });
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** A password change or a disabled account: every token of that user, on this process, at once. */
  deleteUser(userId: number): void {
    for (const [hash, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(hash);
  }
}

/**
 * Every route needs a valid token unless its config says `public`; `roles` narrows further (403).
 * `failedAuth` counts, per address, requests whose token did not check out; past its limit that
 * address gets 429 without a database look-up (tokens this process has cached still pass), so a
 * random-token flood cannot keep the database busy.
 */
export function registerAuth(
  app: FastifyInstance,
  db: Db,
  cache: AuthCache,
  failedAuth?: WindowCounter,
): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config ?? {};
    if (config.public) return;
    const match = BEARER.exec(request.headers.authorization ?? '');
    let user = match ? cache.get(hashToken(match[1]!)) : null;
    if (!user) {
      const blocked = failedAuth?.blockedFor(request.ip) ?? 0;
      if (blocked > 0) return tooMany(reply, blocked);
      user = match ? await authenticate(db, request) : null;
      if (user) cache.set(user);
    }
    if (!user) {
      failedAuth?.hit(request.ip);
      return sendError(reply, 401, 'Sesión no válida o vencida: inicie sesión nuevamente.');
    }
    request.user = user;
    if (config.roles && !config.roles.includes(user.role)) {
      return sendError(reply, 403, 'Su perfil no tiene permiso para esta operación.');
    }
  });
}

/** The signed-in user inside a handler (the hook guarantees it on non-public routes). */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new Error('route without authentication');
  return request.user;
}
