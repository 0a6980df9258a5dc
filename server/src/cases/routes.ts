import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  getBackOfficeMe,
  getBackOfficeUsers,
  getCase,
  getCaseIndicator,
  getCases,
  getCustomerCases,
  getMailboxes,
  getZoningWorkbook,
  postCase,
  postCaseEvent,
  putCaseRoles,
  putMailbox,
} from '../../../shared/api';
import { addDays, zonedInstant } from '../../../shared/calendar';
import { actsAs, type Actor } from '../../../shared/procedures';
import { currentUser, sendError } from '../auth/plugin';
import { UserError } from '../auth/users';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { calendarFor } from './calendar';
import {
  CaseError,
  assignCase,
  commentCase,
  openCase,
  takeAction,
  type CaseActor,
  type CaseContext,
} from './engine';
import { zoningWorkbook } from './export';
import { MailboxCache, saveMailbox } from './mailboxes';
import { anulacionIndicatorFor, caseDetail, customerCases, listCases } from './queries';
import { CaseRoleCache, NoSuchUserError, listBackOfficeUsers, parseCaseRoles, setCaseRoles } from './roles';

/** A CaseError as its answer (status, Spanish message, fields); anything else is unforeseen. */
export function refuse(reply: FastifyReply, error: unknown) {
  if (error instanceof CaseError) return sendError(reply, error.statusCode, error.message, error.extra);
  throw error;
}

/** Cases and their procedures (shared/api/cases.ts): back-office accounts only, agents get 403. */
export const caseRoutes: FastifyPluginAsyncZod<
  RouteDeps & { caseRoles: CaseRoleCache; mailboxes: MailboxCache }
> = async (app, { db, config, kickMail, now, caseRoles, mailboxes }) => {
  const calendar = calendarFor(config.timeZone);
  const ctx: CaseContext = { db, calendar, mailboxes, mailDomain: config.mailDomain, now };

  async function actorOf(request: FastifyRequest): Promise<CaseActor & { actor: Actor }> {
    const user = currentUser(request);
    const roles = await caseRoles.get(db, user.id);
    return {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      caseRoles: roles,
      actor: { accountRole: user.role, caseRoles: roles },
    };
  }

  async function detailOf(id: number, viewer: CaseActor & { actor: Actor }) {
    return caseDetail(db, id, viewer, now(), calendar.timeZone, await mailboxes.get(db));
  }

  serve(app, getCases, async (request) => {
    const viewer = await actorOf(request);
    const q = request.query;
    return listCases(
      db,
      {
        procedure: q.procedure,
        status: q.status,
        overdue: q.overdue === 'true',
        queue: q.queue === 'true',
        mine: q.mine === 'true',
        step: q.step,
        search: q.search || undefined,
        cursor: q.cursor,
        limit: q.limit,
      },
      { id: viewer.id, actor: viewer.actor },
      now(),
    );
  });

  serve(app, getCaseIndicator, async (request) => {
    // Default: the current month in Chile. `to` is inclusive: the range ends when the next day starts.
    const today = calendar.dayOf(now());
    const from = request.query.from ?? `${today.slice(0, 7)}-01`;
    const to = request.query.to ?? today;
    const indicator = await anulacionIndicatorFor(db, {
      from: zonedInstant(from, 0, calendar.timeZone),
      to: zonedInstant(addDays(to, 1), 0, calendar.timeZone),
    });
    return { from, to, ...indicator };
  });

  serve(app, getZoningWorkbook, async (request, reply) => {
    const viewer = await actorOf(request);
    if (!actsAs(viewer.actor, ['gestion_red'])) {
      return sendError(reply, 403, 'La planilla de zonificación la envía el Depto. Gestión de Red.');
    }
    const chosen = request.query.month ?? calendar.dayOf(now()).slice(0, 7);
    const { bytes, rows } = await zoningWorkbook(db, chosen, calendar);
    request.log.info({ month: chosen, rows }, 'zoning workbook exported');
    return reply
      .type(getZoningWorkbook.responses[200].contentType)
      .header('content-disposition', `attachment; filename="zonificacion-${chosen}.xlsx"`)
      .send(Buffer.from(bytes));
  });

  serve(app, postCase, async (request, reply) => {
    const viewer = await actorOf(request);
    try {
      const { caseId, duplicate } = await openCase(ctx, viewer, request.body);
      const detail = await detailOf(caseId, viewer);
      return reply.code(duplicate ? 200 : 201).send({ duplicate, case: detail! });
    } catch (error) {
      return refuse(reply, error);
    }
  });

  serve(app, getCase, async (request, reply) => {
    const detail = await detailOf(request.params.id, await actorOf(request));
    if (!detail) return sendError(reply, 404, 'No existe ese caso.');
    return detail;
  });

  serve(app, postCaseEvent, async (request, reply) => {
    const viewer = await actorOf(request);
    const body = request.body;
    const caseId = request.params.id;
    try {
      const result =
        body.type === 'transition'
          ? await takeAction(ctx, viewer, {
              caseId,
              clientId: body.clientId,
              expectedVersion: body.expectedVersion,
              action: body.action,
              data: body.data,
            })
          : body.type === 'comment'
            ? await commentCase(ctx, viewer, { caseId, clientId: body.clientId, comment: body.comment })
            : await assignCase(ctx, viewer, {
                caseId,
                clientId: body.clientId,
                assigneeId: body.assigneeId,
                comment: body.comment,
              });
      if (!result.duplicate) kickMail();
      const detail = await detailOf(caseId, viewer);
      return reply.code(result.duplicate ? 200 : 201).send({ duplicate: result.duplicate, case: detail! });
    } catch (error) {
      return refuse(reply, error);
    }
  });

  serve(app, getCustomerCases, async (request) => ({
    cases: await customerCases(db, request.params.code, now()),
  }));

  serve(app, getBackOfficeMe, async (request) => {
    const viewer = await actorOf(request);
    const user = currentUser(request);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: viewer.role,
      caseRoles: [...viewer.caseRoles],
    };
  });

  serve(app, getBackOfficeUsers, async () => ({ users: await listBackOfficeUsers(db) }));

  serve(app, getMailboxes, async () => ({
    mailboxes: { ...(await mailboxes.get(db)) } as Record<string, string[]>,
  }));

  serve(app, putMailbox, async (request) => {
    await saveMailbox(db, request.params.key, request.body.recipients);
    mailboxes.invalidate();
    request.log.info({ mailbox: request.params.key }, 'mailbox changed');
    return { key: request.params.key, recipients: request.body.recipients };
  });

  serve(app, putCaseRoles, async (request, reply) => {
    try {
      const roles = await setCaseRoles(
        db,
        request.params.username,
        parseCaseRoles(request.body.roles.join(',')),
      );
      caseRoles.invalidate();
      return { username: request.params.username, roles };
    } catch (error) {
      if (error instanceof UserError) {
        return sendError(reply, error instanceof NoSuchUserError ? 404 : 422, error.message);
      }
      throw error;
    }
  });
};
