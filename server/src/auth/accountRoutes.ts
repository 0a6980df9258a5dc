import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { postOwnPassword, postUserDisable, postUserEnable, postUserPassword } from '../../../shared/api/auth';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { verifyPassword } from './password';
import { currentUser, sendError } from './plugin';
import { UserError, findUserByUsername, setDisabled, setPassword } from './users';

/**
 * Account changes while the server runs: an admin sets a password or disables an account (its
 * sessions end at once on this process, within AUTH_CACHE_MS on the others); anyone changes their
 * own password. Passwords are never logged, only who changed whose.
 */
export const accountRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, authCache }) => {
  serve(app, postOwnPassword, async (request, reply) => {
    const me = currentUser(request);
    const stored = await findUserByUsername(db, me.username);
    if (!stored || !(await verifyPassword(request.body.currentPassword, stored.passwordHash)))
      return sendError(reply, 400, 'La contraseña actual no es correcta.');
    // Every other session of this account ends; this one goes on.
    await setPassword(db, me.username, request.body.newPassword, me.tokenHash);
    authCache.deleteUser(me.id);
    request.log.info({ user: me.username }, 'password changed by its owner');
    return reply.code(204).send(null);
  });

  serve(app, postUserPassword, async (request, reply) => {
    try {
      const user = await setPassword(db, request.params.username, request.body.password);
      authCache.deleteUser(user.id);
      request.log.info(
        { user: user.username, by: currentUser(request).username },
        'password set by an admin',
      );
      return user;
    } catch (error) {
      if (error instanceof UserError && error.status !== 409)
        return sendError(reply, error.status, error.message);
      throw error;
    }
  });

  for (const [endpoint, disabled] of [
    [postUserDisable, true],
    [postUserEnable, false],
  ] as const) {
    serve(app, endpoint, async (request, reply) => {
      try {
        const user = await setDisabled(db, request.params.username, disabled);
        authCache.deleteUser(user.id);
        request.log.info(
          { user: user.username, by: currentUser(request).username },
          disabled ? 'account disabled' : 'account enabled',
        );
        return user;
      } catch (error) {
        if (error instanceof UserError) return sendError(reply, error.status, error.message);
        throw error;
      }
    });
  }
};
