/**
 * Cases of the back-office procedures (shared/procedures): list, detail, acting on a step,
 * opening, the seed-003 indicator, the zonificación workbook, what an agent may tell a customer,
 * and the case roles and mailboxes an admin sets.
 */
import { z } from 'zod';
import { BACK_OFFICE_ACCOUNT_ROLES } from '../procedures/roles';
import { binary, defineEndpoint } from './endpoint';
import { apiErrorFor, apiErrorSchema } from './errors';
import { storableString } from '../text/storable';
import { plausibleDate } from '../validation/dates';

const isoDate = z.iso.datetime();

export const caseSummarySchema = z.object({
  id: z.number(),
  number: z.string(),
  procedure: z.enum(['zb', 'anulacion']),
  subject: z.string(),
  customerCode: z.string().nullable(),
  customerName: z.string(),
  step: z.string().nullable(),
  endState: z.string().nullable(),
  openedAt: isoDate,
  dueAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  overdue: z.boolean(),
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  version: z.number(),
  /** The viewer acts on the current step. */
  canAct: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListQuerySchema = z.strictObject({
  procedure: z.enum(['zb', 'anulacion']).optional(),
  status: z.enum(['open', 'closed']).default('open'),
  /** open only: only overdue cases. */
  overdue: z.enum(['true', 'false']).optional(),
  /** open only: the steps the viewer's roles act on. */
  queue: z.enum(['true', 'false']).optional(),
  /** Assigned to the viewer. */
  mine: z.enum(['true', 'false']).optional(),
  step: storableString().max(64).optional(),
  /** Customer code or subject (request number), exact. */
  search: storableString().trim().max(40).optional(),
  cursor: storableString().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const caseCountsSchema = z.object({
  open: z.number(),
  overdue: z.number(),
  queue: z.number(),
  mine: z.number(),
});

export const caseListSchema = z.object({
  cases: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
  /** On the first page only (null with a cursor). */
  counts: caseCountsSchema.nullable(),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const indicatorSchema = z.object({
  from: z.string(),
  to: z.string(),
  noAnuladas: z.number(),
  anuladas: z.number(),
  total: z.number(),
  percent: z.number().nullable(),
  verdict: z.enum(['aceptado', 'observado', 'sin_datos']),
  open: z.number(),
});
export type IndicatorResponse = z.infer<typeof indicatorSchema>;

export const caseEventSchema = z.object({
  id: z.number(),
  kind: z.enum(['opened', 'form', 'transition', 'comment', 'assign']),
  action: z.string().nullable(),
  fromStep: z.string().nullable(),
  toStep: z.string().nullable(),
  endState: z.string().nullable(),
  at: isoDate,
  actor: z.string().nullable(),
  data: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  notes: z.array(z.string()),
  formId: z.string().nullable(),
  assignee: z.string().nullable(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseMailSchema = z.object({
  id: z.number(),
  eventId: z.number().nullable(),
  subject: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  status: z.enum(['pending', 'sent']),
  attempts: z.number(),
  sentAt: isoDate.nullable(),
  lastError: z.string().nullable(),
});

export const caseFormSchema = z.object({
  id: z.string(),
  title: z.string(),
  agent: z.string(),
  createdAt: isoDate,
  receivedAt: isoDate,
});

export const caseDetailSchema = caseSummarySchema.extend({
  opening: z.string(),
  data: z.record(z.string(), z.string()),
  regional: z.boolean().nullable(),
  stepEnteredAt: isoDate,
  events: z.array(caseEventSchema),
  mails: z.array(caseMailSchema),
  forms: z.array(caseFormSchema),
  /** Actions of the current step the viewer may take. */
  actions: z.array(z.string()),
  canAssign: z.boolean(),
  /** Placeholders of the prepared mails and the configured mailboxes, to preview them. */
  mailVars: z.record(z.string(), z.string()),
  mailboxes: z.record(z.string(), z.array(z.string())),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseResultSchema = z.object({ duplicate: z.boolean(), case: caseDetailSchema });
export type CaseResult = z.infer<typeof caseResultSchema>;

export const openCaseBodySchema = z.strictObject({
  clientId: z.uuid(),
  procedure: storableString().max(32),
  opening: storableString().max(64),
  data: z.record(storableString().max(64), storableString().max(4000)),
});
export type OpenCaseBody = z.infer<typeof openCaseBodySchema>;

export const caseEventBodySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('transition'),
    clientId: z.uuid(),
    expectedVersion: z.number().int().min(1),
    action: storableString().max(64),
    data: z.record(storableString().max(64), storableString().max(4000)).default({}),
  }),
  z.strictObject({ type: z.literal('comment'), clientId: z.uuid(), comment: storableString().max(2000) }),
  z.strictObject({
    type: z.literal('assign'),
    clientId: z.uuid(),
    /** null releases the case. */
    assigneeId: z.number().int().nullable(),
    comment: storableString().max(2000).optional(),
  }),
]);
export type CaseEventBody = z.infer<typeof caseEventBodySchema>;

export const backOfficeUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  caseRoles: z.array(z.string()),
});

/** What an agent may tell a customer about their case (the pop-up shows it; no case screens for agents). */
export const customerCaseStatusSchema = z.object({
  number: z.string(),
  procedure: z.enum(['zb', 'anulacion']),
  procedureTitle: z.string(),
  open: z.boolean(),
  /** Open: the step it waits in; closed: how it ended. */
  stage: z.string(),
  /** Facts the customer asks about: the notice number and the agreed visit, when known. */
  avisoNumber: z.string().nullable(),
  visitDate: z.string().nullable(),
  openedAt: isoDate,
  updatedAt: isoDate,
  closedAt: isoDate.nullable(),
});
export type CustomerCaseStatus = z.infer<typeof customerCaseStatusSchema>;
export const customerCasesSchema = z.object({ cases: z.array(customerCaseStatusSchema) });

export const backOfficeMeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  caseRoles: z.array(z.string()),
});
export type BackOfficeMe = z.infer<typeof backOfficeMeSchema>;
export type BackOfficeUser = z.infer<typeof backOfficeUserSchema>;

/** A refusal the case screens act on: which fields are wrong, the case's version now, the open case. */
export const caseErrorSchema = apiErrorSchema
  .extend({
    fieldErrors: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Mensaje por campo del paso (nombre → mensaje en español).' }),
    currentVersion: z.number().int().optional().meta({ description: 'Versión actual del caso (409).' }),
    caseId: z
      .number()
      .int()
      .optional()
      .meta({ description: 'El caso abierto que ya existe (409 al abrir).' }),
  })
  .meta({ id: 'CaseError' });

const caseError = (when: string) => caseErrorSchema.meta({ description: when });
const backOffice = BACK_OFFICE_ACCOUNT_ROLES;
const caseId = z.object({ id: z.coerce.number<number>().int().positive() });

export const getCases = defineEndpoint({
  method: 'GET',
  path: '/cases',
  tags: ['cases'],
  summary: 'Casos: abiertos por urgencia o cerrados recientes, con conteos en la primera página',
  access: backOffice,
  query: caseListQuerySchema,
  responses: { 200: caseListSchema },
});

export const getCaseIndicator = defineEndpoint({
  method: 'GET',
  path: '/cases/indicator',
  tags: ['cases'],
  summary: 'Indicador COM-DSC-P10: no anuladas × 100 / probables de anulación (cerradas en el período)',
  description: 'Sin fechas: el mes en curso (hora de Chile). `to` incluye el día entero.',
  access: backOffice,
  query: z.strictObject({
    from: plausibleDate().optional(),
    to: plausibleDate().optional(),
  }),
  responses: { 200: indicatorSchema },
});

export const getZoningWorkbook = defineEndpoint({
  method: 'GET',
  path: '/cases/zonificacion.xlsx',
  tags: ['cases'],
  summary: 'Planilla de zonificación del mes para Div. Facturación (.xlsx)',
  description: 'Solo el Depto. Gestión de Red (y administradores): 403 para los demás.',
  access: backOffice,
  query: z.strictObject({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mes inválido: use AAAA-MM.')
      .optional(),
  }),
  responses: {
    200: binary(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Los casos terminados «zonificada» del mes, una fila por caso.',
    ),
  },
});

export const postCase = defineEndpoint({
  method: 'POST',
  path: '/cases',
  tags: ['cases'],
  summary: 'Abre un caso a mano (anulación), idempotente por clientId; uno abierto por solicitud',
  description: '201: abierto ahora · 200: ese clientId ya lo abrió (se devuelve el caso).',
  access: backOffice,
  body: openCaseBodySchema,
  responses: { 200: caseResultSchema, 201: caseResultSchema },
  errors: {
    409: caseError('Ya hay un caso abierto de esa solicitud (caseId), o el clientId se usó para otra cosa.'),
    422: caseError('No es una forma de abrir ese procedimiento, o los datos no son válidos (fieldErrors).'),
  },
});

export const getCase = defineEndpoint({
  method: 'GET',
  path: '/cases/:id',
  tags: ['cases'],
  summary: 'Un caso: estado, historial, formularios, correos y acciones posibles para usted',
  access: backOffice,
  params: caseId,
  responses: { 200: caseDetailSchema },
  errors: { 404: apiErrorFor('No existe ese caso.') },
});

export const postCaseEvent = defineEndpoint({
  method: 'POST',
  path: '/cases/:id/events',
  tags: ['cases'],
  summary: 'Actúa en un caso: acción del paso (con la versión que vio), comentario o asignación',
  description:
    'Idempotente por clientId (200: ya estaba hecho). 409: otro usuario cambió el paso antes (versión distinta), o el clientId se usó para otra acción. 422: la acción no corresponde al paso, el caso terminó, o los datos no son válidos (fieldErrors). 403: su rol no actúa en el paso.',
  access: backOffice,
  params: caseId,
  body: caseEventBodySchema,
  responses: { 200: caseResultSchema, 201: caseResultSchema },
  errors: {
    404: apiErrorFor('No existe ese caso.'),
    409: caseError('Otro usuario actuó primero (currentVersion), o el clientId ya se usó para otra acción.'),
    422: caseError('La acción no corresponde al paso actual, o los datos no son válidos (fieldErrors).'),
  },
});

export const getCustomerCases = defineEndpoint({
  method: 'GET',
  path: '/customers/:code/cases',
  tags: ['cases'],
  summary: 'Casos del cliente para el contact center: en qué paso va o cómo terminó',
  description:
    'Para la ejecutiva (cualquier usuario con sesión): el caso abierto y los cerrados en los últimos 60 días, sin el resto del caso.',
  access: 'signed-in',
  params: z.object({ code: storableString().trim().min(1).max(20) }),
  responses: { 200: customerCasesSchema },
});

export const getBackOfficeMe = defineEndpoint({
  method: 'GET',
  path: '/back-office/me',
  tags: ['cases'],
  summary: 'Sus roles de caso (qué pasos atiende, qué casos abre)',
  access: backOffice,
  responses: { 200: backOfficeMeSchema },
});

export const getBackOfficeUsers = defineEndpoint({
  method: 'GET',
  path: '/back-office/users',
  tags: ['cases'],
  summary: 'Usuarios del back office (para asignar casos y escalamientos)',
  access: backOffice,
  responses: { 200: z.object({ users: z.array(backOfficeUserSchema) }) },
});

const mailboxKey = z.enum([
  'supervisor_rrss',
  'jefe_servicio',
  'mesa_clientes',
  'contact_center',
  'supervisores_abastible',
  'cc_emergencia',
  'despacho_emergencia',
  'facturacion',
]);

export const getMailboxes = defineEndpoint({
  method: 'GET',
  path: '/admin/mailboxes',
  tags: ['admin'],
  summary: 'Casillas de correo de los procedimientos',
  access: ['admin'],
  responses: { 200: z.object({ mailboxes: z.record(z.string(), z.array(z.string())) }) },
});

export const putMailbox = defineEndpoint({
  method: 'PUT',
  path: '/admin/mailboxes/:key',
  tags: ['admin'],
  summary: 'Cambia las direcciones de una casilla',
  access: ['admin'],
  params: z.object({ key: mailboxKey }),
  body: z.strictObject({ recipients: z.array(z.email().max(254)).max(20) }),
  responses: { 200: z.object({ key: z.string(), recipients: z.array(z.string()) }) },
});

export const putCaseRoles = defineEndpoint({
  method: 'PUT',
  path: '/admin/users/:username/case-roles',
  tags: ['admin'],
  summary: 'Roles de caso de una cuenta (reemplaza los anteriores)',
  access: ['admin'],
  params: z.object({ username: storableString().max(64) }),
  body: z.strictObject({ roles: z.array(storableString().max(64)).max(20) }),
  responses: { 200: z.object({ username: z.string(), roles: z.array(z.string()) }) },
  errors: {
    404: apiErrorFor('No existe ese usuario.'),
    422: apiErrorFor('Un rol que no existe, o roles para una cuenta de agente.'),
  },
});
