import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getMe, getUsers, postLogin, postLogout, postRefresh, postUser } from '../../../shared/api/auth';
import { WindowCounter } from '../addressLimit';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { currentUser, sendError } from './plugin';
import { issueToken, revokeToken } from './tokens';
import { UserError, createUser, findUserByUsername, listUsers } from './users';

export const authRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, authCache }) => {
  const lifetime = { ttlHours: config.tokenTtlHours, maxHours: config.tokenMaxHours };
  // Failed sign-ins, per address and username (typos lock out that user there, not the floor behind
  // the same NAT) and per address across usernames (the ceiling against password spraying).
  const userFailures = new WindowCounter(config.loginFailuresMax, 60_000);
  const addressFailures = new WindowCounter(config.loginSprayMax, 60_000);
  serve(
    app,
    postLogin,
    async (request, reply) => {
      const userKey = `${request.ip}\n${request.body.username.trim().toLowerCase()}`;
      // Checked before the password: a locked-out guess costs no scrypt.
      const blockedMs = Math.max(userFailures.blockedFor(userKey), addressFailures.blockedFor(request.ip));
      if (blockedMs > 0) {
        const seconds = Math.ceil(blockedMs / 1000);
        void reply.header('retry-after', String(seconds));
        return sendError(
          reply,
          429,
          `Demasiados intentos fallidos de inicio de sesión: espere ${seconds} s e intente nuevamente.`,
        );
      }
      const user = await findUserByUsername(db, request.body.username);
      // Verify against a dummy hash for unknown users: same time, no way to probe usernames.
      const ok = await verifyPassword(
        request.body.password,
        user?.passwordHash ?? (await DUMMY_HASH_PROMISE),
      );
      if (!user || !ok || user.disabled) {
        userFailures.hit(userKey);
        addressFailures.hit(request.ip);
        request.log.info({ user: request.body.username.slice(0, 64) }, 'sign-in failed');
        return sendError(reply, 401, 'Usuario o contraseña incorrectos.');
      }
      const { token, expiresAt } = await issueToken(db, user.id, lifetime);
      request.log.info({ user: user.username }, 'signed in');
      const { passwordHash: _hash, ...publicUser } = user;
      return { token, expiresAt: expiresAt.toISOString(), user: publicUser };
    },
    {
      // Per address, any outcome: a ceiling on the scrypt work one address can ask for.
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
