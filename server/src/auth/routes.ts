import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getMe, getUsers, postLogin, postLogout, postRefresh, postUser } from '../../../shared/api/auth';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { currentUser, sendError } from './plugin';
import { issueToken, revokeToken } from './tokens';
import { UserError, createUser, findUserByUsername, listUsers } from './users';

export const authRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, authCache }) => {
  const lifetime = { ttlHours: config.tokenTtlHours, maxHours: config.tokenMaxHours };
  serve(
    app,
    postLogin,
    async (request, reply) => {
      const user = await findUserByUsername(db, request.body.username);
      // Verify against a dummy hash for unknown users: same time, no way to probe usernames.
      const ok = await verifyPassword(
        request.body.password,
        user?.passwordHash ?? (await DUMMY_HASH_PROMISE),
      );
      if (!user || !ok || user.disabled) return sendError(reply, 401, 'Usuario o contraseña incorrectos.');
      const { token, expiresAt } = await issueToken(db, user.id, lifetime);
      request.log.info({ user: user.username }, 'signed in');
      const { passwordHash: _hash, ...publicUser } = user;
      return { token, expiresAt: expiresAt.toISOString(), user: publicUser };
    },
    {
      // Per address: slows down password guessing without locking anyone out.
      config: {
        rateLimit: {
          max: config.loginRateLimitMax,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
        },
      },
    },
  );

  serve(app, postRefresh, async (request, reply) => {
    const user = currentUser(request);
    authCache.delete(user.tokenHash);
    const renewed = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ signed_in_at: Date; spent: boolean }>(
        `DELETE FROM sessions WHERE token_hash = $1
         RETURNING signed_in_at, signed_in_at + make_interval(hours => $2) <= now() + interval '1 minute' AS spent`,
        [user.tokenHash, config.tokenMaxHours],
      );
      const old = rows[0];
      if (!old || old.spent) return null;
      // The new token descends from the same sign-in: no chain of refreshes outlives TOKEN_MAX_HOURS.
      return issueToken(tx, user.id, lifetime, old.signed_in_at);
    });
    if (!renewed) {
      return sendError(
        reply,
        401,
        `La sesión llegó a su duración máxima (${config.tokenMaxHours} h): inicie sesión nuevamente.`,
      );
    }
    const { supervisorEmail: _s, tokenHash: _t, ...publicUser } = user;
    return { token: renewed.token, expiresAt: renewed.expiresAt.toISOString(), user: publicUser };
  });

  serve(app, postLogout, async (request, reply) => {
    const user = currentUser(request);
    authCache.delete(user.tokenHash);
    await revokeToken(db, user.tokenHash);
    return reply.code(204).send(null);
  });

  serve(app, getMe, async (request) => {
    const { supervisorEmail: _s, tokenHash: _t, ...publicUser } = currentUser(request);
    return publicUser;
  });

  serve(app, getUsers, async () => ({ users: await listUsers(db) }));

  serve(app, postUser, async (request, reply) => {
    try {
      const user = await createUser(db, request.body);
      return reply.code(201).send(user);
    } catch (error) {
      if (error instanceof UserError) return sendError(reply, error.status, error.message);
      throw error;
    }
  });
};
