/**
 * The HTTP contract of cases and escalations, written once: the server's routes validate and
 * serialise with these schemas and the back-office screens parse the answers with them.
 */
import { z } from 'zod';

const isoDate = z.string();

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
  step: z.string().max(64).optional(),
  /** Customer code or subject (request number), exact. */
  search: z.string().trim().max(40).optional(),
  cursor: z.string().max(200).optional(),
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
  procedure: z.string().max(32),
  opening: z.string().max(64),
  data: z.record(z.string().max(64), z.string().max(4000)),
});
export type OpenCaseBody = z.infer<typeof openCaseBodySchema>;

export const caseEventBodySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('transition'),
    clientId: z.uuid(),
    expectedVersion: z.number().int().min(1),
    action: z.string().max(64),
    data: z.record(z.string().max(64), z.string().max(4000)).default({}),
  }),
  z.strictObject({ type: z.literal('comment'), clientId: z.uuid(), comment: z.string().max(2000) }),
  z.strictObject({
    type: z.literal('assign'),
    clientId: z.uuid(),
    /** null releases the case. */
    assigneeId: z.number().int().nullable(),
    comment: z.string().max(2000).optional(),
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

export const apiErrorSchema = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
  currentVersion: z.number().optional(),
  caseId: z.number().optional(),
});

// Escalations inbox.
export const ESCALATION_KINDS = {
  ticket_vencido: 'Ticket Z4 vencido',
  datos_ya_tomados: 'El cliente dice que ya le tomaron los datos',
  codigo_reemplazado: 'Código reemplazado sin código nuevo',
  codigo_desconocido: 'Código de bloqueo desconocido',
  z3_sin_habilitado: 'Z3 sin registro habilitado',
  formulario_rechazado: 'Formulario rechazado por la central',
} as const;
export type EscalationKind = keyof typeof ESCALATION_KINDS;
const escalationKinds = Object.keys(ESCALATION_KINDS) as [EscalationKind, ...EscalationKind[]];

export const escalationSchema = z.object({
  id: z.number(),
  kind: z.enum(escalationKinds),
  status: z.enum(['abierta', 'tomada', 'cerrada']),
  customerCode: z.string().nullable(),
  customerName: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.string()),
  agent: z.string().nullable(),
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  formId: z.string().nullable(),
  ticketId: z.string().nullable(),
  createdAt: isoDate,
  closedAt: isoDate.nullable(),
  version: z.number(),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const escalationEventSchema = z.object({
  id: z.number(),
  kind: z.enum(['created', 'take', 'comment', 'reassign', 'close', 'reopen']),
  actor: z.string().nullable(),
  at: isoDate,
  comment: z.string().nullable(),
  assignee: z.string().nullable(),
});

export const escalationDetailSchema = escalationSchema.extend({ events: z.array(escalationEventSchema) });
export type EscalationDetail = z.infer<typeof escalationDetailSchema>;

export const escalationListQuerySchema = z.strictObject({
  status: z.enum(['open', 'closed']).default('open'),
  kind: z.enum(escalationKinds).optional(),
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const escalationListSchema = z.object({
  escalations: z.array(escalationSchema),
  counts: z.object({ open: z.number(), mine: z.number(), unassigned: z.number() }),
});

export const escalationEventBodySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('take'), clientId: z.uuid(), expectedVersion: z.number().int() }),
  /** A comment never conflicts: no version. */
  z.strictObject({ type: z.literal('comment'), clientId: z.uuid(), comment: z.string().max(2000) }),
  z.strictObject({
    type: z.literal('reassign'),
    clientId: z.uuid(),
    expectedVersion: z.number().int(),
    assigneeId: z.number().int(),
    comment: z.string().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('close'),
    clientId: z.uuid(),
    expectedVersion: z.number().int(),
    comment: z.string().max(2000),
  }),
  z.strictObject({
    type: z.literal('reopen'),
    clientId: z.uuid(),
    expectedVersion: z.number().int(),
    comment: z.string().max(2000),
  }),
]);
export type EscalationEventBody = z.infer<typeof escalationEventBodySchema>;
export const escalationResultSchema = z.object({
  duplicate: z.boolean(),
  escalation: escalationDetailSchema,
});
