import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, isDay, zonedInstant } from '../../../shared/calendar';
import {
  BACK_OFFICE_ACCOUNT_ROLES,
  MAILBOX_KEYS,
  actsAs,
  type Actor,
  type MailboxKey,
} from '../../../shared/procedures';
import {
  apiErrorSchema,
  backOfficeMeSchema,
  backOfficeUserSchema,
  caseDetailSchema,
  caseEventBodySchema,
  caseListQuerySchema,
  caseListSchema,
  caseResultSchema,
  customerCasesSchema,
  indicatorSchema,
  openCaseBodySchema,
} from '../../../shared/procedures/api';
import { currentUser, sendError } from '../auth/plugin';
import { UserError } from '../auth/users';
import { bearer, type RouteDeps } from '../http';
import {
  CaseError,
  assignCase,
  commentCase,
  openCase,
  takeAction,
  type CaseActor,
  type CaseContext,
} from './engine';
import { calendarFor } from './calendar';
import { zoningWorkbook } from './export';
import { MailboxCache, saveMailbox } from './mailboxes';
import { anulacionIndicatorFor, caseDetail, customerCases, listCases } from './queries';
import { CaseRoleCache, listBackOfficeUsers, parseCaseRoles, setCaseRoles } from './roles';

/** The error answers of the case and escalation routes (shared schema, Spanish message). */
export const caseErrors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
  429: apiErrorSchema,
};

const backOffice = { roles: BACK_OFFICE_ACCOUNT_ROLES };
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mes inválido: use AAAA-MM.');
const day = z.string().refine(isDay, 'Fecha inválida: use AAAA-MM-DD.');

/** Cases and their procedures: back-office accounts only (agents get 403). */
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

  function refuse(reply: FastifyReply, error: unknown) {
    if (error instanceof CaseError) return sendError(reply, error.statusCode, error.message, error.extra);
    throw error;
  }

  async function detailOf(id: number, viewer: CaseActor & { actor: Actor }) {
    return caseDetail(db, id, viewer, now(), calendar.timeZone, await mailboxes.get(db));
  }

  app.get('/cases', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Casos: abiertos por urgencia o cerrados recientes, con conteos',
      security: bearer,
      querystring: caseListQuerySchema,
      response: { 200: caseListSchema, ...caseErrors },
    },
    handler: async (request) => {
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
    },
  });

  app.get('/cases/indicator', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Indicador COM-DSC-P10: no anuladas × 100 / probables de anulación (cerradas en el período)',
      security: bearer,
      querystring: z.strictObject({ from: day.optional(), to: day.optional() }),
      response: { 200: indicatorSchema, ...caseErrors },
    },
    handler: async (request) => {
      // Default: the current month in Chile. `to` is inclusive: the range ends when the next day starts.
      const today = calendar.dayOf(now());
      const from = request.query.from ?? `${today.slice(0, 7)}-01`;
      const to = request.query.to ?? today;
      const indicator = await anulacionIndicatorFor(db, {
        from: zonedInstant(from, 0, calendar.timeZone),
        to: zonedInstant(addDays(to, 1), 0, calendar.timeZone),
      });
      return { from, to, ...indicator };
    },
  });

  app.get('/cases/zonificacion.xlsx', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Planilla de zonificación del mes para Div. Facturación (.xlsx)',
      security: bearer,
      querystring: z.strictObject({ month: month.optional() }),
    },
    handler: async (request, reply) => {
      const viewer = await actorOf(request);
      if (!actsAs(viewer.actor, ['gestion_red'])) {
        return sendError(reply, 403, 'La planilla de zonificación la envía el Depto. Gestión de Red.');
      }
      const chosen = request.query.month ?? calendar.dayOf(now()).slice(0, 7);
      const { bytes, rows } = await zoningWorkbook(db, chosen, calendar);
      request.log.info({ month: chosen, rows }, 'zoning workbook exported');
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="zonificacion-${chosen}.xlsx"`)
        .send(Buffer.from(bytes));
    },
  });

  app.post('/cases', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Abre un caso (idempotente por clientId; uno abierto por solicitud)',
      security: bearer,
      body: openCaseBodySchema,
      response: { 200: caseResultSchema, 201: caseResultSchema, ...caseErrors },
    },
    handler: async (request, reply) => {
      const viewer = await actorOf(request);
      try {
        const { caseId, duplicate } = await openCase(ctx, viewer, request.body);
        const detail = await detailOf(caseId, viewer);
        return reply.code(duplicate ? 200 : 201).send({ duplicate, case: detail! });
      } catch (error) {
        return refuse(reply, error);
      }
    },
  });

  app.get('/cases/:id', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Un caso: estado, historial, formularios, correos y acciones posibles para usted',
      security: bearer,
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: caseDetailSchema, ...caseErrors },
    },
    handler: async (request, reply) => {
      const detail = await detailOf(request.params.id, await actorOf(request));
      if (!detail) return sendError(reply, 404, 'No existe ese caso.');
      return detail;
    },
  });

  app.post('/cases/:id/events', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Actúa en un caso: acción del paso (versión esperada), comentario o asignación',
      description:
        'Idempotente por clientId. 409 si otro usuario cambió el paso antes (versión distinta); 422 si la acción no corresponde al paso o los datos no son válidos (fieldErrors); 403 si su rol no actúa en el paso.',
      security: bearer,
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: caseEventBodySchema,
      response: { 200: caseResultSchema, 201: caseResultSchema, ...caseErrors },
    },
    handler: async (request, reply) => {
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
    },
  });

  app.get('/customers/:code/cases', {
    schema: {
      tags: ['cases'],
      summary: 'Casos del cliente para el contact center: en qué paso va o cómo terminó',
      description:
        'Para la ejecutiva (cualquier usuario con sesión): el caso abierto y los cerrados en los últimos 60 días, sin el resto del caso.',
      security: bearer,
      params: z.object({ code: z.string().trim().min(1).max(20) }),
      response: { 200: customerCasesSchema, ...caseErrors },
    },
    handler: async (request) => ({ cases: await customerCases(db, request.params.code, now()) }),
  });

  app.get('/back-office/me', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Sus roles de caso (qué pasos atiende, qué casos abre)',
      security: bearer,
      response: { 200: backOfficeMeSchema, ...caseErrors },
    },
    handler: async (request) => {
      const viewer = await actorOf(request);
      const user = currentUser(request);
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: viewer.role,
        caseRoles: [...viewer.caseRoles],
      };
    },
  });

  app.get('/back-office/users', {
    config: backOffice,
    schema: {
      tags: ['cases'],
      summary: 'Usuarios del back office (para asignar casos y escalamientos)',
      security: bearer,
      response: { 200: z.object({ users: z.array(backOfficeUserSchema) }), ...caseErrors },
    },
    handler: async () => ({ users: await listBackOfficeUsers(db) }),
  });

  app.get('/admin/mailboxes', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Casillas de correo de los procedimientos',
      security: bearer,
      response: { 200: z.object({ mailboxes: z.record(z.string(), z.array(z.string())) }), ...caseErrors },
    },
    handler: async () => ({ mailboxes: { ...(await mailboxes.get(db)) } as Record<string, string[]> }),
  });

  app.put('/admin/mailboxes/:key', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Cambia las direcciones de una casilla',
      security: bearer,
      params: z.object({ key: z.enum(MAILBOX_KEYS as [MailboxKey, ...MailboxKey[]]) }),
      body: z.strictObject({ recipients: z.array(z.email().max(254)).max(20) }),
      response: { 200: z.object({ key: z.string(), recipients: z.array(z.string()) }), ...caseErrors },
    },
    handler: async (request) => {
      await saveMailbox(db, request.params.key, request.body.recipients);
      mailboxes.invalidate();
      request.log.info({ mailbox: request.params.key }, 'mailbox changed');
      return { key: request.params.key, recipients: request.body.recipients };
    },
  });

  app.put('/admin/users/:username/case-roles', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Roles de caso de una cuenta (reemplaza los anteriores)',
      security: bearer,
      params: z.object({ username: z.string().max(64) }),
      body: z.strictObject({ roles: z.array(z.string().max(64)).max(20) }),
      response: { 200: z.object({ username: z.string(), roles: z.array(z.string()) }), ...caseErrors },
    },
    handler: async (request, reply) => {
      try {
        const roles = await setCaseRoles(
          db,
          request.params.username,
          parseCaseRoles(request.body.roles.join(',')),
        );
        caseRoles.invalidate();
        return { username: request.params.username, roles };
      } catch (error) {
        if (error instanceof UserError) return sendError(reply, 422, error.message);
        throw error;
      }
    },
  });
};
