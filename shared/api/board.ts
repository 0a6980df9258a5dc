/**
 * The supervisors' board over HTTP, written once: the widgets, the rows behind each number, the
 * filter options and the live change events. The server serves these definitions
 * (server/src/board/routes.ts); the board screen calls them (renderer/features/board/boardApi.ts).
 */
import { z } from 'zod';
import { BOARD_ROLES } from '../board/access';
import { normalizeBlockCode } from '../blocks/codes';
import { FORM_IDS } from '../forms/fields';
import { FORM_STATUSES } from '../forms/status';
import { INDICATOR_THRESHOLD_PERCENT } from '../procedures/indicator';
import { CALL_RECORD_OUTCOMES } from '../telephony/callRecord';
import { storableString } from '../text/storable';
import { plausibleDate } from '../validation/dates';
import { defineEndpoint, eventStream } from './endpoint';

export const BOARD_MAX_DAYS = 400;

// On the calendar and 2000–2099, like every date the back office takes.
const isoDay = plausibleDate();

const username = storableString().trim().toLowerCase().min(1).max(64);

/** Filters of every widget and drill-down; a widget says which ones apply to it (`applies`). */
export const boardFiltersSchema = z.strictObject({
  from: isoDay.optional(),
  to: isoDay.optional(),
  /** The team's supervisor (username). */
  team: username.optional(),
  agent: username.optional(),
  block: storableString().trim().min(1).max(4).transform(normalizeBlockCode).optional(),
  formType: z.enum(FORM_IDS).optional(),
  ticketType: z.coerce.number<number>().int().positive().optional(),
  procedure: storableString().trim().min(1).max(40).optional(),
});
export type BoardFilters = z.output<typeof boardFiltersSchema>;
export type BoardFilterName = keyof BoardFilters;

/** The filters after defaults and the viewer's scope: what the figures really are for. */
export const resolvedFiltersSchema = z.object({
  from: z.string(),
  to: z.string(),
  team: z.string().nullable(),
  agent: z.string().nullable(),
  block: z.string().nullable(),
  formType: z.string().nullable(),
  ticketType: z.number().nullable(),
  procedure: z.string().nullable(),
});
export type ResolvedFilters = z.infer<typeof resolvedFiltersSchema>;

const envelope = {
  /** When these figures were read (the server's clock; on a replica, its replay time). */
  asOf: z.string(),
  filters: resolvedFiltersSchema,
  /** Filters that shape this widget (the others do not apply to it). */
  applies: z.array(z.string()),
};

export const callsWidgetSchema = z.object({
  ...envelope,
  totals: z.object({ calls: z.number(), blockedCalls: z.number(), missed: z.number() }),
  perDay: z.array(
    z.object({ day: z.string(), calls: z.number(), blockedCalls: z.number(), missed: z.number() }),
  ),
  perBlock: z.array(z.object({ block: z.string(), calls: z.number(), missed: z.number() })),
});
export type CallsWidget = z.infer<typeof callsWidgetSchema>;

const formCounts = {
  forms: z.number(),
  recibido: z.number(),
  resuelto: z.number(),
  rechazado: z.number(),
};

export const formsWidgetSchema = z.object({
  ...envelope,
  totals: z.object(formCounts),
  byStatus: z.array(z.object({ status: z.enum(FORM_STATUSES), forms: z.number() })),
  byType: z.array(
    z.object({
      formType: z.string(),
      title: z.string(),
      ...formCounts,
      /** Average time from the form's creation (the call) to its resolution, seconds. */
      avgResolutionSeconds: z.number().nullable(),
    }),
  ),
  perAgent: z.array(z.object({ agent: z.string(), name: z.string(), ...formCounts })),
});
export type FormsWidget = z.infer<typeof formsWidgetSchema>;

const ticketCounts = {
  opened: z.number(),
  closed: z.number(),
  open: z.number(),
  /** Open with the due date already past (today in Chile). */
  overdue: z.number(),
  /** Closed after their due date. */
  closedLate: z.number(),
  /** Business days from opening to closing (Chilean calendar), over closed tickets. */
  avgBusinessDays: z.number().nullable(),
  medianBusinessDays: z.number().nullable(),
};

export const ticketsWidgetSchema = z.object({
  ...envelope,
  totals: z.object(ticketCounts),
  byType: z.array(
    z.object({
      typologyId: z.number(),
      asunto: z.string(),
      item: z.string(),
      subitem: z.string(),
      ...ticketCounts,
    }),
  ),
});
export type TicketsWidget = z.infer<typeof ticketsWidgetSchema>;

const workFigures = {
  calls: z.number(),
  missed: z.number(),
  answered: z.number(),
  /** Talk time of answered calls, seconds. */
  handledSeconds: z.number(),
  avgHandledSeconds: z.number().nullable(),
  forms: z.number(),
  /** Forms the back office rejected. */
  formsRejected: z.number(),
  /** Forms the central refused on arrival (invalid). */
  formsRefused: z.number(),
  /** (rejected + refused) / (forms + refused); null without forms. */
  rejectionRate: z.number().nullable(),
};

export const agentsWidgetSchema = z.object({
  ...envelope,
  agents: z.array(
    z.object({ agent: z.string(), name: z.string(), team: z.string().nullable(), ...workFigures }),
  ),
  teams: z.array(
    z.object({ team: z.string().nullable(), name: z.string(), agents: z.number(), ...workFigures }),
  ),
});
export type AgentsWidget = z.infer<typeof agentsWidgetSchema>;

const caseCounts = {
  /** Cases opened in the range. */
  opened: z.number(),
  /** Of those, still open (waiting in a step). */
  open: z.number(),
  /** Open with their step's deadline already past (the server's clock). */
  overdue: z.number(),
  closed: z.number(),
};

export const casesWidgetSchema = z.object({
  ...envelope,
  totals: z.object(caseCounts),
  byProcedure: z.array(z.object({ procedure: z.string(), title: z.string(), ...caseCounts })),
  /** Open cases by the step they wait in, in the procedure's order. */
  byStep: z.array(
    z.object({
      procedure: z.string(),
      procedureTitle: z.string(),
      step: z.string(),
      stepTitle: z.string(),
      open: z.number(),
      overdue: z.number(),
    }),
  ),
  /** Closed cases by how they ended. */
  byEndState: z.array(
    z.object({
      procedure: z.string(),
      procedureTitle: z.string(),
      endState: z.string(),
      label: z.string(),
      closed: z.number(),
    }),
  ),
});
export type CasesWidget = z.infer<typeof casesWidgetSchema>;

/** Seed 003's indicator over some anulación cases (decided by shared/procedures/indicator.ts). */
const indicatorFigures = {
  noAnuladas: z.number(),
  anuladas: z.number(),
  total: z.number(),
  /** One decimal; null without closed cases. */
  percent: z.number().nullable(),
  verdict: z.enum(['aceptado', 'observado', 'sin_datos']),
};

export const indicatorWidgetSchema = z.object({
  ...envelope,
  thresholdPercent: z.literal(INDICATOR_THRESHOLD_PERCENT),
  /** The whole range. */
  total: z.object(indicatorFigures),
  /** Each calendar month of the range (clipped to it), oldest first, also those without cases. */
  periods: z.array(z.object({ month: z.string(), from: z.string(), to: z.string(), ...indicatorFigures })),
});
export type IndicatorWidget = z.infer<typeof indicatorWidgetSchema>;

export const BOARD_WIDGETS = ['calls', 'forms', 'tickets', 'agents', 'cases', 'indicator'] as const;
export type BoardWidgetName = (typeof BOARD_WIDGETS)[number];

export const boardOptionsSchema = z.object({
  teams: z.array(z.object({ team: z.string(), name: z.string() })),
  agents: z.array(z.object({ agent: z.string(), name: z.string(), team: z.string().nullable() })),
  blocks: z.array(z.string()),
  formTypes: z.array(z.object({ formType: z.string(), title: z.string() })),
  ticketTypes: z.array(z.object({ id: z.number(), label: z.string() })),
  procedures: z.array(z.object({ procedure: z.string(), title: z.string() })),
  /** The viewer's scope: a supervisor's team is fixed. */
  teamLocked: z.string().nullable(),
  personalData: z.boolean(),
  defaults: z.object({ from: z.string(), to: z.string() }),
});
export type BoardOptions = z.infer<typeof boardOptionsSchema>;

// --- Drill-down: the rows behind a number ------------------------------------------------------

/** `cases`: cases opened in the range; `indicator`: anulación cases that ended in it. */
export const DRILL_SOURCES = ['calls', 'forms', 'refusals', 'tickets', 'cases', 'indicator'] as const;
export type DrillSource = (typeof DRILL_SOURCES)[number];

/**
 * Which rows a number stands for, on top of the board's filters: a day, a block, a status, an
 * agent or team row, a typology, and for some numbers a subset (`measure`).
 */
export const drillCellSchema = z.strictObject({
  day: isoDay.optional(),
  cellAgent: username.optional(),
  /** A team row of the agents table: the supervisor's username, or "-" for agents without one. */
  cellTeam: storableString().trim().min(1).max(64).optional(),
  cellBlock: storableString().trim().min(1).max(4).transform(normalizeBlockCode).optional(),
  status: z.enum(FORM_STATUSES).optional(),
  cellFormType: z.enum(FORM_IDS).optional(),
  typologyId: z.coerce.number<number>().int().positive().optional(),
  cellProcedure: storableString().trim().min(1).max(40).optional(),
  /** The step a case waits in. */
  step: storableString().trim().min(1).max(60).optional(),
  /** How a case ended. */
  endState: storableString().trim().min(1).max(60).optional(),
  /** The indicator's side of an ended anulación case. */
  outcome: z.enum(['no_anulada', 'anulada']).optional(),
  /** One month of the range (the indicator's periods). */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mes inválido: use AAAA-MM.')
    .optional(),
  measure: z
    .enum(['blocked', 'missed', 'answered', 'open', 'closed', 'overdue', 'closedLate', 'rejected'])
    .optional(),
});
export type DrillCell = z.output<typeof drillCellSchema>;

export const drillQuerySchema = boardFiltersSchema.extend({
  ...drillCellSchema.shape,
  cursor: storableString().max(200).optional(),
  limit: z.coerce.number<number>().int().min(1).max(1000).default(200),
});
export type DrillQuery = z.output<typeof drillQuerySchema>;

export const callRowSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  agent: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  number: z.string().nullable(),
  customerCode: z.string().nullable(),
  blockCodes: z.array(z.string()),
  outcome: z.enum(CALL_RECORD_OUTCOMES).or(z.string()),
  handledSeconds: z.number().nullable(),
  transferTarget: z.string().nullable(),
});
export const formRowSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  agent: z.string(),
  formType: z.string(),
  title: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  rut: z.string().nullable(),
  phone: z.string().nullable(),
  blockCodes: z.array(z.string()),
  status: z.enum(FORM_STATUSES),
  resolvedAt: z.string().nullable(),
});
export const refusalRowSchema = z.object({
  id: z.string(),
  refusedAt: z.string(),
  agent: z.string(),
  formType: z.string(),
  reason: z.string(),
});
export const ticketRowSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  agent: z.string().nullable(),
  customerCode: z.string(),
  typology: z.string(),
  status: z.enum(['abierto', 'cerrado']),
  dueDate: z.string(),
  closedAt: z.string().nullable(),
  businessDays: z.number().nullable(),
  overdue: z.boolean(),
});

export const caseRowSchema = z.object({
  /** "ZB-000123", "AN-000045". */
  id: z.string(),
  procedure: z.string(),
  subject: z.string(),
  customerCode: z.string().nullable(),
  customerName: z.string(),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  state: z.enum(['abierto', 'cerrado']),
  /** The step it waits in (title), or how it ended (label). */
  stepOrEnd: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  indicatorOutcome: z.enum(['no_anulada', 'anulada']).nullable(),
  assignee: z.string().nullable(),
});

export const drillResponseSchema = z.object({
  asOf: z.string(),
  source: z.enum(DRILL_SOURCES),
  rows: z.array(z.union([callRowSchema, formRowSchema, refusalRowSchema, ticketRowSchema, caseRowSchema])),
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export type DrillResponse = z.infer<typeof drillResponseSchema>;
export type CallRow = z.infer<typeof callRowSchema>;
export type FormRow = z.infer<typeof formRowSchema>;
export type RefusalRow = z.infer<typeof refusalRowSchema>;
export type TicketRow = z.infer<typeof ticketRowSchema>;
export type CaseRow = z.infer<typeof caseRowSchema>;

// --- Endpoints -----------------------------------------------------------------------------------

export const getBoardOptions = defineEndpoint({
  method: 'GET',
  path: '/board/options',
  tags: ['board'],
  summary: 'Opciones de filtros del tablero (equipos, agentes, bloqueos, tipos) según el perfil',
  access: BOARD_ROLES,
  responses: { 200: boardOptionsSchema },
});

const widgetEndpoint = <const Name extends BoardWidgetName, const Answer extends z.ZodType>(
  name: Name,
  answer: Answer,
  summary: string,
) =>
  defineEndpoint({
    method: 'GET',
    path: `/board/widgets/${name}`,
    tags: ['board'],
    summary,
    description:
      'Filtros por omisión: los últimos 30 días. Un supervisor ve solo su equipo (403 si pide otro). Rango máximo 400 días.',
    access: BOARD_ROLES,
    query: boardFiltersSchema,
    responses: { 200: answer },
  });

/** The widgets, by name: each its own answer. */
export const BOARD_WIDGET_ENDPOINTS = {
  calls: widgetEndpoint('calls', callsWidgetSchema, 'Llamadas por día y por bloqueo'),
  forms: widgetEndpoint('forms', formsWidgetSchema, 'Formularios por estado, tipo y agente'),
  tickets: widgetEndpoint('tickets', ticketsWidgetSchema, 'Tickets por tipo: resolución y vencidos'),
  agents: widgetEndpoint('agents', agentsWidgetSchema, 'Cifras por agente y por equipo'),
  cases: widgetEndpoint('cases', casesWidgetSchema, 'Casos por procedimiento y paso, con vencidos'),
  indicator: widgetEndpoint(
    'indicator',
    indicatorWidgetSchema,
    'Indicador de anulaciones (semilla 003) por mes: > 95 % aceptado, ≤ 95 % observado',
  ),
} as const;

export const getBoardRows = defineEndpoint({
  method: 'GET',
  path: '/board/rows/:source',
  tags: ['board'],
  summary: 'Las filas detrás de una cifra del tablero (páginas por cursor)',
  access: BOARD_ROLES,
  params: z.object({ source: z.enum(DRILL_SOURCES) }),
  query: drillQuerySchema,
  responses: { 200: drillResponseSchema },
});

/** Sources whose committed changes the live stream announces. */
export const BOARD_CHANGE_SOURCES = ['calls', 'forms', 'tickets', 'cases', 'escalations'] as const;
export type BoardChangeSource = (typeof BOARD_CHANGE_SOURCES)[number];

export const boardChangeSchema = z.object({
  sources: z.array(z.enum(BOARD_CHANGE_SOURCES)),
  at: z.iso.datetime(),
});
export type BoardChange = z.infer<typeof boardChangeSchema>;

export const getBoardEvents = defineEndpoint({
  method: 'GET',
  path: '/board/events',
  tags: ['board'],
  summary: 'Cambios en vivo del tablero (server-sent events)',
  description:
    'Eventos: `ready` al conectar; `changed` {sources, at} cuando se confirma un cambio (a lo más uno por segundo); comentarios cada 15 s para mantener viva la conexión.',
  access: BOARD_ROLES,
  rateLimited: false,
  responses: {
    200: eventStream(
      { ready: z.object({ at: z.iso.datetime() }), changed: boardChangeSchema },
      'Flujo text/event-stream que no termina mientras el tablero está abierto.',
    ),
  },
});
