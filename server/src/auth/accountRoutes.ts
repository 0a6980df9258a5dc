import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableString } from '../../../shared/text/storable';
import { bearer, errorResponses, type RouteDeps } from '../http';
import { verifyPassword } from './password';
import { currentUser, sendError } from './plugin';
import { userSchema } from './routes';
import { MIN_PASSWORD_LENGTH, UserError, findUserByUsername, setDisabled, setPassword } from './users';

const password = storableString().min(MIN_PASSWORD_LENGTH).max(256);
const username = z.object({ username: storableString().min(1).max(64) });

/**
 * Account changes while the server runs: an admin sets a password or disables an account (its
 * sessions end at once on this process, within AUTH_CACHE_MS on the others); anyone changes their
 * own password. Passwords are never logged, only who changed whose.
 */
export const accountRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, authCache }) => {
  const refusal = (error: unknown) => (error instanceof UserError ? error : null);

  app.post('/auth/password', {
    schema: {
      tags: ['auth'],
      summary: 'Cambia la propia contraseña (cierra las demás sesiones)',
      security: bearer,
      body: z.strictObject({ currentPassword: storableString().min(1).max(256), newPassword: password }),
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const me = currentUser(request);
      const stored = await findUserByUsername(db, me.username);
      if (!stored || !(await verifyPassword(request.body.currentPassword, stored.passwordHash)))
        return sendError(reply, 400, 'La contraseña actual no es correcta.');
      // Every other session of this account ends; this one goes on.
      await setPassword(db, me.username, request.body.newPassword, me.tokenHash);
      authCache.deleteUser(me.id);
      request.log.info({ user: me.username }, 'password changed by its owner');
      return reply.code(204).send(null);
    },
  });

  app.post('/admin/users/:username/password', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Fija la contraseña de un usuario (cierra todas sus sesiones)',
      security: bearer,
      params: username,
      body: z.strictObject({ password }),
      response: { 200: userSchema, 409: errorResponses[400], ...errorResponses },
    },
    handler: async (request, reply) => {
      try {
        const user = await setPassword(db, request.params.username, request.body.password);
        authCache.deleteUser(user.id);
        request.log.info(
          { user: user.username, by: currentUser(request).username },
          'password set by an admin',
        );
        return user;
      } catch (error) {
        const known = refusal(error);
        if (known) return sendError(reply, known.status, known.message);
        throw error;
      }
    },
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/admin/users/:username/${action}`, {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: disabled
          ? 'Desactiva una cuenta (no puede iniciar sesión; sus sesiones terminan)'
          : 'Activa una cuenta desactivada',
        security: bearer,
        params: username,
        response: { 200: userSchema, 409: errorResponses[400], ...errorResponses },
      },
      handler: async (request, reply) => {
        try {
          const user = await setDisabled(db, request.params.username, disabled);
          authCache.deleteUser(user.id);
          request.log.info(
            { user: user.username, by: currentUser(request).username },
            disabled ? 'account disabled' : 'account enabled',
          );
          return user;
        } catch (error) {
          const known = refusal(error);
          if (known) return sendError(reply, known.status, known.message);
          throw error;
        }
      },
    });
  }
};
