import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FORM_STATUSES, formResolutionSchema } from '../../../shared/board/api';
import { currentUser, sendError } from '../auth/plugin';
import { canRead } from '../auth/users';
import { bearer, errorResponses, type RouteDeps } from '../http';

const resolutionSchema = z.object({
  id: z.string(),
  status: z.enum(FORM_STATUSES),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string(),
});

/**
 * The back office closes a form: resuelto (done) or rechazado (wrong or not applicable; counts in
 * the agent's rejection rate). Once, by a supervisor of the agent's team or an admin: repeating the
 * same resolution answers it again, a different one is a conflict.
 */
export const formResolutionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, now }) => {
  app.post('/forms/:id/resolution', {
    config: { roles: ['supervisor', 'admin'] },
    schema: {
      tags: ['forms'],
      summary: 'Resuelve un formulario (resuelto / rechazado), una sola vez',
      security: bearer,
      params: z.strictObject({ id: z.uuid() }),
      body: formResolutionSchema,
      response: { 200: resolutionSchema, 409: errorResponses[400], ...errorResponses },
    },
    handler: async (request, reply) => {
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
        status: z.infer<typeof resolutionSchema>['status'];
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
    },
  });
};
