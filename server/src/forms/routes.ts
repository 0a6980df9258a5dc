import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  formSummarySchema,
  getForm,
  getForms,
  getRecentForms,
  postFormsBatch,
  postParkedForms,
} from '../../../shared/api/forms';
import type { FormSubmission } from '../../../shared/forms/submission';
import { currentUser, sendError } from '../auth/plugin';
import { canRead, findUserByUsername, visibilityFilter } from '../auth/users';
import type { RouteDeps } from '../http';
import { batchAnswer, batchEnvelope } from '../batch';
import { serve } from '../route';
import { formTitle, takeForms } from './intake';
import { recordParkedForms, recordRefusals } from './refusals';

interface RecentRow {
  id: string;
  form_id: string;
  customer_code: string;
  block_codes: string[];
  supervisor_reason: string | null;
  created_at: Date;
  received_at: Date;
  display_name: string;
  mail_status: 'pending' | 'sent' | null;
  mail_sent_at: Date | null;
  ticket_id: string | null;
  ticket_due: string | null;
}

interface FormRow {
  id: string;
  form_id: string;
  customer_code: string;
  customer_name: string;
  block_codes: string[];
  agent: string;
  submitted_by: number;
  submitted_by_username: string;
  route_key: string;
  created_at: Date;
  received_at: Date;
  mail_status: 'pending' | 'sent' | null;
  mail_attempts: number | null;
  mail_sent_at: Date | null;
  payload?: unknown;
}

const FORM_COLUMNS = `f.id, f.form_id, f.customer_code, f.customer_name, f.block_codes, f.agent, f.submitted_by,
  u.username AS submitted_by_username, f.route_key, f.created_at, f.received_at,
  m.status AS mail_status, m.attempts AS mail_attempts, m.sent_at AS mail_sent_at`;
// `page` is the forms already filtered, ordered and limited: the joins (the user, the first mail
// by the mail_outbox_form index) run for those rows only, never for the whole table.
const joinsFor = (page: string) => `${page} f JOIN users u ON u.id = f.submitted_by
  LEFT JOIN LATERAL (SELECT status, attempts, sent_at FROM mail_outbox WHERE form_id = f.id ORDER BY id LIMIT 1) m ON true`;

/** The list query: filter and limit on `forms` first, then join. Exported for its plan test. */
export function formListQuery(where: string[], limitParam: number): string {
  const page = `(SELECT * FROM forms f WHERE ${where.join(' AND ')} ORDER BY f.received_at DESC LIMIT $${limitParam})`;
  return `SELECT ${FORM_COLUMNS} FROM ${joinsFor(page)} ORDER BY f.received_at DESC`;
}

function toSummary(row: FormRow): z.infer<typeof formSummarySchema> {
  return {
    id: row.id,
    formId: row.form_id,
    title: formTitle(row.form_id),
    customerCode: row.customer_code,
    customerName: row.customer_name,
    blockCodes: row.block_codes,
    agent: row.agent,
    submittedBy: row.submitted_by_username,
    routeKey: row.route_key,
    createdAt: row.created_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    mail: row.mail_status
      ? {
          status: row.mail_status,
          attempts: row.mail_attempts ?? 0,
          sentAt: row.mail_sent_at?.toISOString() ?? null,
        }
      : null,
  };
}

export const formRoutes: FastifyPluginAsyncZod<RouteDeps> = async (
  app,
  { db, config, kickMail, now, routes, calendar },
) => {
  serve(
    app,
    postFormsBatch,
    async (request, reply) => {
      const user = currentUser(request);
      const items = (request.body as { forms: unknown[] }).forms;
      const results = await takeForms(db, user, items, {
        routes,
        mailDomain: config.mailDomain,
        timeZone: config.timeZone,
        calendar,
        now,
      });
      await recordRefusals(db, user.id, items, results, now());
      const { status, body } = batchAnswer(results);
      if (body.accepted > 0) kickMail();
      request.log.info(
        { accepted: body.accepted, duplicate: body.duplicate, rejected: body.rejected },
        'forms batch',
      );
      return reply.code(status).send(body);
    },
    {
      validatorCompiler: batchEnvelope('forms', config.maxBatch, 'formularios'),
    },
  );

  // Forms a desk set aside (the central failed on each alone, every time): to the supervisor's inbox.
  serve(app, postParkedForms, async (request) => {
    const user = currentUser(request);
    const results = await recordParkedForms(db, user.id, request.body.forms, now());
    request.log.info(
      { recorded: results.filter((r) => r.status === 'recorded').length, forms: results.length },
      'parked forms reported',
    );
    return { results };
  });

  serve(app, getForms, async (request, reply) => {
    const viewer = currentUser(request);
    const where: string[] = [];
    const params: unknown[] = [];
    if (request.query.agent) {
      const owner = await findUserByUsername(db, request.query.agent);
      if (!owner || !(await canRead(db, viewer, owner.id))) {
        return sendError(reply, 403, 'No puede ver los formularios de otro agente.');
      }
      params.push(owner.id);
      where.push(`f.submitted_by = $${params.length}`);
    } else {
      const filter = visibilityFilter(viewer, 'f.submitted_by', params.length + 1);
      params.push(...filter.params);
      where.push(filter.sql);
    }
    if (request.query.customerCode) {
      params.push(request.query.customerCode);
      where.push(`f.customer_code = $${params.length}`);
    }
    params.push(request.query.limit);
    const { rows } = await db.query<FormRow>(formListQuery(where, params.length), params);
    return { forms: rows.map(toSummary) };
  });

  // The duplicate guard (shared/forms/duplicates.ts): any agent sees that a case exists, not its data.
  serve(app, getRecentForms, async (request) => {
    const since = new Date(now().getTime() - request.query.hours * 3_600_000);
    const { rows } = await db.query<RecentRow>(
      `SELECT f.id, f.form_id, f.customer_code, f.block_codes, f.payload->>'supervisorReason' AS supervisor_reason,
         f.created_at, f.received_at, u.display_name, m.status AS mail_status, m.sent_at AS mail_sent_at,
         t.id AS ticket_id, t.due_date::text AS ticket_due
       FROM forms f JOIN users u ON u.id = f.submitted_by
       LEFT JOIN LATERAL (SELECT status, sent_at FROM mail_outbox WHERE form_id = f.id ORDER BY id LIMIT 1) m ON true
       LEFT JOIN tickets t ON t.form_id = f.id
       WHERE f.customer_code = $1 AND f.created_at >= $2
       ORDER BY f.created_at DESC LIMIT 50`,
      [request.query.customerCode, since],
    );
    return {
      forms: rows.map((row) => ({
        id: row.id,
        formId: row.form_id,
        title: formTitle(row.form_id),
        customerCode: row.customer_code,
        blockCodes: row.block_codes,
        supervisorReason: row.supervisor_reason,
        agentName: row.display_name,
        createdAt: row.created_at.toISOString(),
        receivedAt: row.received_at.toISOString(),
        mail: row.mail_status
          ? { status: row.mail_status, sentAt: row.mail_sent_at?.toISOString() ?? null }
          : null,
        ticket: row.ticket_id ? { id: row.ticket_id, dueDate: row.ticket_due ?? '' } : null,
      })),
    };
  });

  serve(app, getForm, async (request, reply) => {
    const viewer = currentUser(request);
    const { rows } = await db.query<FormRow & { payload: FormSubmission }>(
      `SELECT ${FORM_COLUMNS}, f.payload FROM ${joinsFor('forms')} WHERE f.id = $1`,
      [request.params.id.toLowerCase()],
    );
    const row = rows[0];
    if (!row) return sendError(reply, 404, 'No existe ese formulario.');
    if (!(await canRead(db, viewer, row.submitted_by)))
      return sendError(reply, 403, 'No puede ver los formularios de otro agente.');
    return { ...toSummary(row), submission: row.payload };
  });
};
