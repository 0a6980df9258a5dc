import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableString } from '../../../shared/text/storable';
import { bearer, errorResponses, type RouteDeps } from '../http';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { currentUser, sendError } from './plugin';
import { issueToken, revokeToken } from './tokens';
import { ROLES, UserError, createUser, findUserByUsername, listUsers } from './users';

export const userSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    supervisorId: z.number().nullable(),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });

const sessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema });

export const authRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config, authCache }) => {
  const lifetime = { ttlHours: config.tokenTtlHours, maxHours: config.tokenMaxHours };
  app.post('/auth/login', {
    config: {
      public: true,
      // Per address: slows down password guessing without locking anyone out.
      rateLimit: {
        max: config.loginRateLimitMax,
        timeWindow: 60_000,
        keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Inicia sesión y entrega un token Bearer',
      body: z.strictObject({
        username: storableString().min(1).max(64),
        password: storableString().min(1).max(256),
      }),
      response: { 200: sessionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
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
  });

  app.post('/auth/refresh', {
    schema: {
      tags: ['auth'],
      summary: 'Renueva el token (el anterior deja de valer)',
      security: bearer,
      response: { 200: sessionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
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
    },
  });

  app.post('/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Cierra la sesión',
      security: bearer,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const user = currentUser(request);
      authCache.delete(user.tokenHash);
      await revokeToken(db, user.tokenHash);
      return reply.code(204).send(null);
    },
  });

  app.get('/auth/me', {
    schema: {
      tags: ['auth'],
      summary: 'Usuario de la sesión',
      security: bearer,
      response: { 200: userSchema, ...errorResponses },
    },
    handler: async (request) => {
      const { supervisorEmail: _s, tokenHash: _t, ...publicUser } = currentUser(request);
      return publicUser;
    },
  });

  app.get('/admin/users', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Lista de usuarios',
      security: bearer,
      response: { 200: z.object({ users: z.array(userSchema) }), ...errorResponses },
    },
    handler: async () => ({ users: await listUsers(db) }),
  });

  app.post('/admin/users', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Crea un usuario',
      security: bearer,
      body: z.strictObject({
        username: storableString().min(2).max(64),
        password: storableString().min(8).max(256),
        role: z.enum(ROLES),
        displayName: storableString().max(120).optional(),
        email: z.email().max(254).optional(),
        supervisor: storableString().max(64).optional(),
      }),
      response: { 201: userSchema, 409: errorResponses[400], ...errorResponses },
    },
    handler: async (request, reply) => {
      try {
        const user = await createUser(db, request.body);
        return reply.code(201).send(user);
      } catch (error) {
        if (error instanceof UserError) return sendError(reply, error.status, error.message);
        throw error;
      }
    },
  });
};
