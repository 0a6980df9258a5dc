import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { postFormResolution } from '../../../shared/api/forms';
import type { FormStatus } from '../../../shared/forms/status';
import { currentUser, sendError } from '../auth/plugin';
import { canRead } from '../auth/users';
import type { RouteDeps } from '../http';
import { serve } from '../route';

/**
 * The back office closes a form: resuelto (done) or rechazado (wrong or not applicable; counts in
 * the agent's rejection rate). Once, by a supervisor of the agent's team or an admin: repeating the
 * same resolution answers it again, a different one is a conflict.
 */
export const formResolutionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, now }) => {
  serve(app, postFormResolution, async (request, reply) => {
    const user = currentUser(request);
    const id = request.params.id.toLowerCase();
    const { rows } = await db.query<{ submitted_by: number }>(
      'SELECT submitted_by FROM forms WHERE id = $1',
      [id],
    );
    const form = rows[0];
    if (!form || !(await canRead(db, user, form.submitted_by)))
      return sendError(reply, 404, 'No existe ese formulario (o no es de su equipo).');
    const { status, note } = request.body;
    await db.query(
      `UPDATE forms SET status = $2, resolved_at = $5, resolved_by = $3, resolution_note = $4
        WHERE id = $1 AND status = 'recibido'`,
      [id, status, user.id, note, now()],
    );
    const current = await db.query<{
      status: FormStatus;
      resolved_at: Date | null;
      username: string | null;
      resolution_note: string;
    }>(
      `SELECT f.status, f.resolved_at, u.username, f.resolution_note FROM forms f LEFT JOIN users u ON u.id = f.resolved_by WHERE f.id = $1`,
      [id],
    );
    const row = current.rows[0]!;
    if (row.status !== status)
      return sendError(
        reply,
        409,
        `El formulario ya fue marcado «${row.status}» por ${row.username ?? 'otra persona'}.`,
      );
    return {
      id,
      status: row.status,
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      resolvedBy: row.username,
      note: row.resolution_note,
    };
  });
};
