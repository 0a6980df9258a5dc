import type { CaseDetail, CaseList, CaseSummary, CustomerCaseStatus } from '../../../shared/api';
import {
  MAILBOX_KEYS,
  PROCEDURES,
  actsAs,
  anulacionIndicator,
  availableActions,
  caseNumber,
  type Actor,
  type Indicator,
  type MailRecipient,
  type ProcedureId,
} from '../../../shared/procedures';
import type { Queryable } from '../db/types';
import { formTitle } from '../forms/intake';
import type { CaseRow } from './engine';
import { templateVars } from './engine';
import type { Mailboxes } from '../../../shared/procedures';

interface SummaryRow extends Pick<
  CaseRow,
  | 'id'
  | 'procedure'
  | 'subject'
  | 'customer_code'
  | 'customer_name'
  | 'step'
  | 'end_state'
  | 'opened_at'
  | 'due_at'
  | 'closed_at'
  | 'version'
> {
  assignee_id: number | null;
  assignee_name: string | null;
}

const SUMMARY_COLUMNS = `c.id, c.procedure, c.subject, c.customer_code, c.customer_name, c.step, c.end_state,
  c.opened_at, c.due_at, c.closed_at, c.version, c.assignee_id, a.display_name AS assignee_name`;

/** The steps (in any procedure) whose roles include one of the viewer's. Step ids are unique across procedures. */
export function stepsOf(actor: Actor): string[] {
  return Object.values(PROCEDURES).flatMap((definition) =>
    Object.values(definition.steps)
      .filter((step) => step.actions.some((action) => actsAs(actor, action.roles ?? step.roles)))
      .map((step) => step.id),
  );
}

function canActOn(actor: Actor, row: Pick<CaseRow, 'procedure' | 'step'>): boolean {
  if (row.step === null) return false;
  const step = PROCEDURES[row.procedure].steps[row.step];
  return Boolean(step && step.actions.some((action) => actsAs(actor, action.roles ?? step.roles)));
}

function toSummary(row: SummaryRow, actor: Actor, now: Date): CaseSummary {
  return {
    id: row.id,
    number: caseNumber(row.procedure, row.id),
    procedure: row.procedure,
    subject: row.subject,
    customerCode: row.customer_code,
    customerName: row.customer_name,
    step: row.step,
    endState: row.end_state,
    openedAt: row.opened_at.toISOString(),
    dueAt: row.due_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    overdue: row.closed_at === null && row.due_at !== null && row.due_at < now,
    assignee: row.assignee_id !== null ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    version: row.version,
    canAct: canActOn(actor, row),
  };
}

export interface ListOptions {
  procedure?: ProcedureId;
  status: 'open' | 'closed';
  overdue?: boolean;
  queue?: boolean;
  mine?: boolean;
  step?: string;
  search?: string;
  cursor?: string;
  limit: number;
}

type Cursor = [string | null, number];

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (value[0] === null || typeof value[0] === 'string') &&
      Number.isInteger(value[1])
    ) {
      return value as Cursor;
    }
  } catch {
    // fall through
  }
  return null;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * A page of the case list. Open cases most urgent first (due time, then id), closed ones newest
 * first; keyset-paged so page 50 costs what page 1 does. Counts over the open cases go with it.
 */
export async function listCases(
  db: Queryable,
  options: ListOptions,
  viewer: { id: number; actor: Actor },
  now: Date,
): Promise<CaseList> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const open = options.status === 'open';
  const where: string[] = [open ? 'c.closed_at IS NULL' : 'c.closed_at IS NOT NULL'];
  if (options.procedure) where.push(`c.procedure = ${param(options.procedure)}`);
  if (options.step) where.push(`c.step = ${param(options.step)}`);
  if (open && options.overdue) where.push(`c.due_at < ${param(now.toISOString())}::timestamptz`);
  if (open && options.queue) where.push(`c.step = ANY(${param(stepsOf(viewer.actor))}::text[])`);
  if (options.mine) where.push(`c.assignee_id = ${param(viewer.id)}`);
  if (options.search) {
    const p = param(options.search);
    where.push(`(c.customer_code = ${p} OR c.subject = ${p})`);
  }
  const cursor = decodeCursor(options.cursor);
  if (cursor) {
    const [at, id] = cursor;
    if (open) {
      where.push(
        at === null
          ? `(c.due_at IS NULL AND c.id > ${param(id)})`
          : `((c.due_at, c.id) > (${param(at)}::timestamptz, ${param(id)}) OR c.due_at IS NULL)`,
      );
    } else if (at !== null) {
      where.push(`(c.closed_at, c.id) < (${param(at)}::timestamptz, ${param(id)})`);
    }
  }
  const order = open ? 'c.due_at ASC NULLS LAST, c.id ASC' : 'c.closed_at DESC, c.id DESC';
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM cases c LEFT JOIN users a ON a.id = c.assignee_id
      WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${param(options.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > options.limit && last
      ? encodeCursor([(open ? last.due_at : last.closed_at)?.toISOString() ?? null, last.id])
      : null;
  return {
    cases: page.map((row) => toSummary(row, viewer.actor, now)),
    nextCursor,
    // Counts head the first page; later pages do not pay for them again.
    counts: cursor ? null : await countOpen(db, options.procedure, viewer, now),
  };
}

async function countOpen(
  db: Queryable,
  procedure: ProcedureId | undefined,
  viewer: { id: number; actor: Actor },
  now: Date,
): Promise<CaseList['counts']> {
  // Per step (an index-only scan of the open cases' (procedure, step, due_at) index), then summed
  // here; the viewer's own cases from the small assignee index.
  const [bySteps, mine] = await Promise.all([
    db.query<{ step: string; open: number; overdue: number }>(
      `SELECT c.step, count(*)::int AS open, count(*) FILTER (WHERE c.due_at < $2::timestamptz)::int AS overdue
         FROM cases c WHERE c.closed_at IS NULL AND ($1::text IS NULL OR c.procedure = $1) GROUP BY c.step`,
      [procedure ?? null, now.toISOString()],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c
        WHERE c.closed_at IS NULL AND c.assignee_id = $1 AND ($2::text IS NULL OR c.procedure = $2)`,
      [viewer.id, procedure ?? null],
    ),
  ]);
  const queue = new Set(stepsOf(viewer.actor));
  const counts = { open: 0, overdue: 0, queue: 0, mine: mine.rows[0]?.n ?? 0 };
  for (const row of bySteps.rows) {
    counts.open += row.open;
    counts.overdue += row.overdue;
    if (queue.has(row.step)) counts.queue += row.open;
  }
  return counts;
}

/** Seed 003's indicator over the anulación cases that ended in [from, to) (days in Chile). */
export async function anulacionIndicatorFor(
  db: Queryable,
  range: { from: Date; to: Date },
): Promise<Indicator & { open: number }> {
  const definition = PROCEDURES.anulacion;
  const { rows } = await db.query<{ end_state: string | null; n: number }>(
    `SELECT end_state, count(*)::int AS n FROM cases
      WHERE procedure = 'anulacion' AND closed_at >= $1::timestamptz AND closed_at < $2::timestamptz
      GROUP BY end_state
     UNION ALL
     SELECT NULL, count(*)::int FROM cases WHERE procedure = 'anulacion' AND closed_at IS NULL`,
    [range.from.toISOString(), range.to.toISOString()],
  );
  let noAnuladas = 0;
  let anuladas = 0;
  let open = 0;
  for (const row of rows) {
    if (row.end_state === null) {
      open = row.n;
      continue;
    }
    const outcome = definition.endStates[row.end_state]?.indicator;
    if (outcome === 'no_anulada') noAnuladas += row.n;
    if (outcome === 'anulada') anuladas += row.n;
  }
  return { ...anulacionIndicator({ noAnuladas, anuladas }), open };
}

interface EventJson {
  id: number;
  kind: CaseDetail['events'][number]['kind'];
  action: string | null;
  from_step: string | null;
  to_step: string | null;
  end_state: string | null;
  at: string;
  actor: string | null;
  data: Record<string, string>;
  comment: string | null;
  notes: string[];
  form_id: string | null;
  assignee: string | null;
}

interface MailJson {
  id: number;
  case_event_id: number | null;
  subject: string;
  recipients: string[];
  cc: string[];
  status: 'pending' | 'sent';
  attempts: number;
  sent_at: string | null;
  last_error: string | null;
}

interface FormJson {
  id: string;
  form_id: string;
  agent: string;
  created_at: string;
  received_at: string;
}

/** JSON timestamps from PostgreSQL ("2026-03-09T13:00:00+00:00") as the API writes them. */
function iso(text: string): string {
  return new Date(text).toISOString();
}

function mailboxesOf(procedure: ProcedureId, mailboxes: Mailboxes): Record<string, string[]> {
  const used = new Set<string>();
  const add = (recipients: readonly MailRecipient[]) => {
    for (const r of recipients) if ('mailbox' in r) used.add(r.mailbox);
  };
  for (const template of Object.values(PROCEDURES[procedure].mails)) {
    add(template.to);
    add(template.cc);
  }
  return Object.fromEntries(
    MAILBOX_KEYS.filter((key) => used.has(key)).map((key) => [key, [...(mailboxes[key] ?? [])]]),
  );
}

/** Everything the case screen shows: state, history, forms, mails, and what the viewer may do. */
export async function caseDetail(
  db: Queryable,
  id: number,
  viewer: { id: number; displayName: string; actor: Actor },
  now: Date,
  timeZone: string,
  mailboxes: Mailboxes,
): Promise<CaseDetail | null> {
  // One round trip: the case with its history, mails and forms as JSON arrays.
  const { rows } = await db.query<
    SummaryRow & CaseRow & { events: EventJson[]; mails: MailJson[]; forms: FormJson[] }
  >(
    `SELECT ${SUMMARY_COLUMNS}, c.opening, c.data, c.facts, c.step_entered_at,
            COALESCE((SELECT json_agg(json_build_object('id', e.id, 'kind', e.kind, 'action', e.action,
                       'from_step', e.from_step, 'to_step', e.to_step, 'end_state', e.end_state, 'at', e.at,
                       'actor', u.display_name, 'data', e.data, 'comment', e.comment, 'notes', e.notes,
                       'form_id', e.form_id, 'assignee', s.display_name) ORDER BY e.id)
                        FROM case_events e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN users s ON s.id = e.assignee_id
                       WHERE e.case_id = c.id), '[]') AS events,
            COALESCE((SELECT json_agg(json_build_object('id', m.id, 'case_event_id', m.case_event_id, 'subject', m.subject,
                       'recipients', m.recipients, 'cc', m.cc, 'status', m.status, 'attempts', m.attempts,
                       'sent_at', m.sent_at, 'last_error', m.last_error) ORDER BY m.id)
                        FROM mail_outbox m WHERE m.case_id = c.id), '[]') AS mails,
            COALESCE((SELECT json_agg(json_build_object('id', f.id, 'form_id', f.form_id, 'agent', fu.display_name,
                       'created_at', f.created_at, 'received_at', f.received_at) ORDER BY fe.id)
                        FROM case_events fe JOIN forms f ON f.id = fe.form_id JOIN users fu ON fu.id = f.submitted_by
                       WHERE fe.case_id = c.id), '[]') AS forms
       FROM cases c LEFT JOIN users a ON a.id = c.assignee_id WHERE c.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const definition = PROCEDURES[row.procedure];
  const actions = availableActions(definition, { step: row.step }, viewer.actor).map((action) => action.id);
  const step = row.step ? definition.steps[row.step] : undefined;
  return {
    ...toSummary(row, viewer.actor, now),
    opening: row.opening,
    data: row.data,
    regional: row.facts.regional ?? null,
    stepEnteredAt: row.step_entered_at.toISOString(),
    events: row.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      action: e.action,
      fromStep: e.from_step,
      toStep: e.to_step,
      endState: e.end_state,
      at: iso(e.at),
      actor: e.actor,
      data: e.data,
      comment: e.comment,
      notes: e.notes,
      formId: e.form_id,
      assignee: e.assignee,
    })),
    mails: row.mails.map((m) => ({
      id: m.id,
      eventId: m.case_event_id,
      subject: m.subject,
      to: m.recipients,
      cc: m.cc,
      status: m.status,
      attempts: m.attempts,
      sentAt: m.sent_at ? iso(m.sent_at) : null,
      lastError: m.last_error,
    })),
    forms: row.forms.map((f) => ({
      id: f.id,
      title: formTitle(f.form_id),
      agent: f.agent,
      createdAt: iso(f.created_at),
      receivedAt: iso(f.received_at),
    })),
    actions,
    canAssign: Boolean(step && actsAs(viewer.actor, step.roles)),
    mailVars: templateVars(row, {}, viewer.displayName, timeZone),
    mailboxes: mailboxesOf(row.procedure, mailboxes),
  };
}

/**
 * A customer's cases as the agent may tell them: the open one and those closed in the last 60
 * days, newest first. Any signed-in user (agents included) reads this; nothing else of the case.
 */
export async function customerCases(
  db: Queryable,
  customerCode: string,
  now: Date,
): Promise<CustomerCaseStatus[]> {
  const { rows } = await db.query<{
    id: number;
    procedure: ProcedureId;
    step: string | null;
    end_state: string | null;
    data: Record<string, string>;
    opened_at: Date;
    updated_at: Date;
    closed_at: Date | null;
  }>(
    `SELECT id, procedure, step, end_state, data, opened_at, updated_at, closed_at FROM cases
      WHERE customer_code = $1 AND (closed_at IS NULL OR closed_at > $2::timestamptz - interval '60 days')
      ORDER BY closed_at DESC NULLS FIRST, id DESC LIMIT 10`,
    [customerCode, now.toISOString()],
  );
  return rows.map((row) => {
    const definition = PROCEDURES[row.procedure];
    return {
      number: caseNumber(row.procedure, row.id),
      procedure: row.procedure,
      procedureTitle: definition.title,
      open: row.step !== null,
      stage: row.step
        ? (definition.steps[row.step]?.title ?? row.step)
        : (definition.endStates[row.end_state ?? '']?.label ?? row.end_state ?? ''),
      avisoNumber: row.data.avisoNumber || null,
      visitDate: row.data.visitDate || null,
      openedAt: row.opened_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
    };
  });
}
