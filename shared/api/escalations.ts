/**
 * The escalations inbox of the contact-center supervisors: what agents could not solve.
 */
import { z } from 'zod';
import { ESCALATION_ACCOUNT_ROLES } from '../procedures/roles';
import { caseErrorSchema } from './cases';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';
import { storableString } from '../text/storable';

const isoDate = z.iso.datetime();
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
  z.strictObject({ type: z.literal('comment'), clientId: z.uuid(), comment: storableString().max(2000) }),
  z.strictObject({
    type: z.literal('reassign'),
    clientId: z.uuid(),
    expectedVersion: z.number().int(),
    assigneeId: z.number().int(),
    comment: storableString().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('close'),
    clientId: z.uuid(),
    expectedVersion: z.number().int(),
    comment: storableString().max(2000),
  }),
  z.strictObject({
    type: z.literal('reopen'),
    clientId: z.uuid(),
    expectedVersion: z.number().int(),
    comment: storableString().max(2000),
  }),
]);
export type EscalationEventBody = z.infer<typeof escalationEventBodySchema>;
export const escalationResultSchema = z.object({
  duplicate: z.boolean(),
  escalation: escalationDetailSchema,
});

const inbox = ESCALATION_ACCOUNT_ROLES;
const escalationId = z.object({ id: z.coerce.number<number>().int().positive() });

export const getEscalations = defineEndpoint({
  method: 'GET',
  path: '/escalations',
  tags: ['escalations'],
  summary: 'Bandeja de escalamientos: abiertos (más antiguos primero) o cerrados',
  description:
    'Un supervisor ve los de su equipo, los asignados a él y los sin equipo; un administrador, todos.',
  access: inbox,
  query: escalationListQuerySchema,
  responses: { 200: escalationListSchema },
});

export const getEscalation = defineEndpoint({
  method: 'GET',
  path: '/escalations/:id',
  tags: ['escalations'],
  summary: 'Un escalamiento con su historial',
  access: inbox,
  params: escalationId,
  responses: { 200: escalationDetailSchema },
  errors: { 404: apiErrorFor('No existe ese escalamiento, o no es de su equipo.') },
});

export const postEscalationEvent = defineEndpoint({
  method: 'POST',
  path: '/escalations/:id/events',
  tags: ['escalations'],
  summary: 'Tomar, comentar, reasignar, cerrar o reabrir (nada se borra)',
  description:
    'Idempotente por clientId (200: ya estaba hecho). 409: otro usuario lo cambió antes (versión distinta).',
  access: inbox,
  params: escalationId,
  body: escalationEventBodySchema,
  responses: { 200: escalationResultSchema, 201: escalationResultSchema },
  errors: {
    404: apiErrorFor('No existe ese escalamiento, o no es de su equipo.'),
    409: caseErrorSchema.meta({
      description: 'Otro usuario lo cambió antes (currentVersion), o el clientId se usó para otra acción.',
    }),
    422: caseErrorSchema.meta({
      description: 'Falta el comentario, o la acción no corresponde a su estado.',
    }),
  },
});
