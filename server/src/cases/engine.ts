import { createHash } from 'node:crypto';
import type { BusinessCalendar } from '../../../shared/calendar';
import type { Customer } from '../../../shared/directory/customer';
import type { FormSubmission } from '../../../shared/forms/submission';
import {
  PROCEDURES,
  actsAs,
  caseNumber,
  decide,
  decideOpening,
  dueAt,
  isRegionalRegion,
  procedureById,
  procedureOpenedByForm,
  renderMail,
  type Actor,
  type CaseFacts,
  type CaseRole,
  type ProcedureDefinition,
  type ProcedureId,
} from '../../../shared/procedures';
import type { Db, Queryable } from '../db/types';
import type { MailboxCache } from './mailboxes';

/** What the engine needs from the process: database, calendar, mail settings, clock. */
export interface CaseContext {
  db: Db;
  calendar: BusinessCalendar;
  mailboxes: MailboxCache;
  mailDomain: string;
  now: () => Date;
}

export interface CaseActor {
  id: number;
  displayName: string;
  role: string;
  caseRoles: readonly CaseRole[];
}

/** A refusal with its HTTP status and a Spanish message for the user. */
export class CaseError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409 | 422,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface CaseRow {
  id: number;
  procedure: ProcedureId;
  subject: string;
  customer_code: string | null;
  customer_name: string;
  opening: string;
  step: string | null;
  end_state: string | null;
  data: Record<string, string>;
  facts: CaseFacts;
  version: number;
  opened_at: Date;
  step_entered_at: Date;
  due_at: Date | null;
  closed_at: Date | null;
  assignee_id: number | null;
}

const CASE_COLUMNS = `c.id, c.procedure, c.subject, c.customer_code, c.customer_name, c.opening, c.step, c.end_state,
  c.data, c.facts, c.version, c.opened_at, c.step_entered_at, c.due_at, c.closed_at, c.assignee_id`;

interface Prior {
  caseId: number;
  hash: string | null;
}

async function readCase(
  q: Queryable,
  id: number,
  clientId: string | null,
): Promise<{ row: CaseRow | null; prior: Prior | null }> {
  const { rows } = await q.query<CaseRow & { prior: Prior | null }>(
    `SELECT ${CASE_COLUMNS},
            (SELECT jsonb_build_object('caseId', e.case_id, 'hash', e.request_hash) FROM case_events e WHERE e.client_id = $2::uuid) AS prior
       FROM cases c WHERE c.id = $1`,
    [id, clientId],
  );
  const row = rows[0] ?? null;
  return { row, prior: row?.prior ?? null };
}

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

function asActor(actor: CaseActor): Actor {
  return { accountRole: actor.role, caseRoles: actor.caseRoles };
}

function definitionOf(row: Pick<CaseRow, 'procedure'>): ProcedureDefinition {
  const definition = procedureById(row.procedure);
  if (!definition) throw new Error(`unknown procedure ${row.procedure}`);
  return definition;
}

/** Same request again: answer as before. Same id, another request: say so. */
function checkPrior(prior: Prior | null, caseId: number, hash: string): 'new' | 'duplicate' {
  if (!prior) return 'new';
  if (prior.caseId !== caseId || prior.hash !== hash) {
    throw new CaseError(
      409,
      'Ese identificador de acción ya se usó para otra acción: recargue el caso e intente de nuevo.',
    );
  }
  return 'duplicate';
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();
function formatDateTime(date: Date, timeZone: string): string {
  let formatter = dateTimeFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('es-CL', { timeZone, dateStyle: 'short', timeStyle: 'short' });
    dateTimeFormatters.set(timeZone, formatter);
  }
  return formatter.format(date);
}

/** The placeholders a prepared mail can use (shared/procedures/mail.ts). */
export function templateVars(
  row: Pick<CaseRow, 'id' | 'procedure' | 'customer_code' | 'customer_name' | 'data' | 'step_entered_at'>,
  values: Record<string, string>,
  actorName: string,
  timeZone: string,
): Record<string, string> {
  return {
    ...row.data,
    ...values,
    customerCode: row.customer_code ?? row.data.customerCode ?? '',
    customerName: row.customer_name || row.data.customerName || '',
    caseNumber: caseNumber(row.procedure, row.id),
    actorName,
    stepEnteredAt: formatDateTime(row.step_entered_at, timeZone),
  };
}

/** The case's latest step change, for the 409 that tells a user someone else acted first. */
async function lastTransition(q: Queryable, caseId: number, timeZone: string): Promise<string> {
  const { rows } = await q.query<{
    action: string | null;
    kind: string;
    from_step: string | null;
    at: Date;
    name: string | null;
    procedure: ProcedureId;
  }>(
    `SELECT e.action, e.kind, e.from_step, e.at, u.display_name AS name, c.procedure
       FROM case_events e JOIN cases c ON c.id = e.case_id LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.case_id = $1 AND e.kind IN ('transition', 'opened') ORDER BY e.id DESC LIMIT 1`,
    [caseId],
  );
  const event = rows[0];
  if (!event || event.kind !== 'transition') return '';
  const definition = PROCEDURES[event.procedure];
  const label =
    definition.steps[event.from_step ?? '']?.actions.find((action) => action.id === event.action)?.label ??
    event.action;
  const time = new Intl.DateTimeFormat('es-CL', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(event.at);
  return ` ${event.name ?? 'Otro usuario'} registró «${label}» a las ${time}.`;
}

async function conflict(ctx: CaseContext, caseId: number, currentVersion: number): Promise<never> {
  throw new CaseError(
    409,
    `Otro usuario actuó en este caso mientras usted lo veía.${await lastTransition(ctx.db, caseId, ctx.calendar.timeZone)} Revise el caso actualizado antes de continuar.`,
    { currentVersion },
  );
}

interface QueuedCaseMail {
  message_id: string;
  recipients: string[];
  cc: string[];
  subject: string;
  body: string;
}

function mailId(caseId: number, clientId: string, template: string, domain: string): string {
  return `<case-${caseId}.${clientId}.${template}@${domain}>`;
}

export interface ActionInput {
  caseId: number;
  clientId: string;
  expectedVersion: number;
  action: string;
  data: unknown;
}

/**
 * Takes a step action on a case: validated against the procedure (statechart, role, data), then
 * the step change, its history event and its mails in ONE statement that only applies while the
 * case is still at `expectedVersion`. Two users acting on one step at once: the first wins, the
 * second gets a 409 saying who did what. A resend of the same action (same `clientId`) answers
 * `duplicate` and changes nothing.
 */
export async function takeAction(
  ctx: CaseContext,
  actor: CaseActor,
  input: ActionInput,
): Promise<{ duplicate: boolean }> {
  const hash = requestHash({
    type: 'transition',
    action: input.action,
    data: input.data,
    v: input.expectedVersion,
  });
  const { row, prior } = await readCase(ctx.db, input.caseId, input.clientId);
  if (!row) throw new CaseError(404, 'No existe ese caso.');
  if (checkPrior(prior, row.id, hash) === 'duplicate') return { duplicate: true };
  if (row.version !== input.expectedVersion) await conflict(ctx, row.id, row.version);

  const definition = definitionOf(row);
  const now = ctx.now();
  const today = ctx.calendar.dayOf(now);
  const decision = decide(
    definition,
    { step: row.step, endState: row.end_state, data: row.data, facts: row.facts },
    { action: input.action, data: input.data, actor: asActor(actor), today },
  );
  if (!decision.ok) {
    const status = decision.code === 'forbidden' ? 403 : 422;
    throw new CaseError(
      status,
      decision.message,
      decision.fieldErrors ? { fieldErrors: decision.fieldErrors } : {},
    );
  }
  const nextStep = decision.step ? definition.steps[decision.step] : undefined;
  const due = decision.restartDeadline
    ? nextStep?.deadline
      ? dueAt(nextStep.deadline, now, ctx.calendar)
      : null
    : row.due_at;
  const mailboxes = await ctx.mailboxes.get(ctx.db);
  const vars = templateVars(row, decision.values, actor.displayName, ctx.calendar.timeZone);
  const mails: QueuedCaseMail[] = decision.mails.flatMap((templateId) => {
    const template = definition.mails[templateId];
    if (!template) return [];
    const mail = renderMail(template, vars, mailboxes);
    if (mail.to.length === 0) return [];
    return [
      {
        message_id: mailId(row.id, input.clientId, templateId, ctx.mailDomain),
        recipients: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        body: mail.body,
      },
    ];
  });
  const notes = [...decision.notes];
  for (const templateId of decision.mails) {
    if (
      !mails.some((mail) => mail.message_id === mailId(row.id, input.clientId, templateId, ctx.mailDomain))
    ) {
      notes.push(
        `Correo «${definition.mails[templateId]?.title ?? templateId}» sin destinatarios configurados: no se envió.`,
      );
    }
  }

  try {
    const { rows } = await ctx.db.query<{ version: number }>(
      `WITH updated AS (
         UPDATE cases SET step = $3, end_state = $4, data = data || $5::jsonb, version = version + 1,
                step_entered_at = CASE WHEN $6::boolean THEN $7::timestamptz ELSE step_entered_at END,
                due_at = $8::timestamptz,
                closed_at = CASE WHEN $4::text IS NOT NULL THEN $7::timestamptz END,
                updated_at = $7::timestamptz
          WHERE id = $1 AND version = $2
          RETURNING id, version
       ), event AS (
         INSERT INTO case_events (case_id, client_id, request_hash, kind, action, from_step, to_step, end_state,
                                  actor_id, at, data, notes, version)
         SELECT id, $9::uuid, $10, 'transition', $11, $12, $3, $4, $13, $7::timestamptz, $5::jsonb,
                ARRAY(SELECT jsonb_array_elements_text($14::jsonb)), version
           FROM updated
         RETURNING id, case_id
       ), queued AS (
         INSERT INTO mail_outbox (case_id, case_event_id, route_key, message_id, recipients, cc, subject, body)
         SELECT e.case_id, e.id, 'caso', m.message_id, ARRAY(SELECT jsonb_array_elements_text(m.recipients)),
                ARRAY(SELECT jsonb_array_elements_text(m.cc)), m.subject, m.body
           FROM event e, jsonb_to_recordset($15::jsonb) AS m(message_id text, recipients jsonb, cc jsonb, subject text, body text)
         ON CONFLICT (message_id) DO NOTHING
       )
       SELECT version FROM updated`,
      [
        row.id,
        input.expectedVersion,
        decision.step,
        decision.endState,
        JSON.stringify(decision.values),
        decision.restartDeadline && !decision.stay ? true : decision.restartDeadline,
        now.toISOString(),
        due ? due.toISOString() : null,
        input.clientId,
        hash,
        input.action,
        decision.from,
        actor.id,
        JSON.stringify(notes),
        JSON.stringify(mails),
      ],
    );
    if (rows.length > 0) return { duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Lost the race: another request changed the case first (or this very action, resent).
  const after = await readCase(ctx.db, row.id, input.clientId);
  if (checkPrior(after.prior, row.id, hash) === 'duplicate') return { duplicate: true };
  return conflict(ctx, row.id, after.row?.version ?? row.version);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Directory data a case keeps: contact e-mail, address and region for the mails, and the facts. */
export function customerOnCase(customer: Customer | null): {
  data: Record<string, string>;
  facts: CaseFacts;
} {
  if (!customer) return { data: {}, facts: { regional: null } };
  const address = [`${customer.calle} ${customer.numero}`.trim(), customer.comuna].filter(Boolean).join(', ');
  return {
    data: {
      customerName: customer.nombre,
      customerEmail: customer.email,
      customerAddress: address,
      customerRegion: customer.region,
      ...(customer.rut ? { rut: customer.rut } : {}),
    },
    facts: { regional: isRegionalRegion(customer.region) },
  };
}

export async function findCustomer(q: Queryable, code: string): Promise<Customer | null> {
  const { rows } = await q.query<{ data: Customer }>(
    'SELECT data FROM customers WHERE codigo = $1 AND NOT deleted',
    [code],
  );
  return rows[0]?.data ?? null;
}

interface NewCase {
  definition: ProcedureDefinition;
  subject: string;
  customerCode: string | null;
  customerName: string;
  openingId: string;
  stepId: string;
  data: Record<string, string>;
  facts: CaseFacts;
  at: Date;
  actorId: number;
  calendar: BusinessCalendar;
  /** The event's client id (the opening request's, or the form's own id). */
  clientId: string;
  requestHash: string | null;
  formId: string | null;
}

/**
 * A new case at its first step with its `opened` event, in one statement; nothing when the subject
 * already has an open case of the procedure (the partial unique index decides, also under races).
 * Returns the new case's id, or null.
 */
async function insertOpenedCase(q: Queryable, c: NewCase): Promise<number | null> {
  const step = c.definition.steps[c.stepId]!;
  const { rows } = await q.query<{ id: number }>(
    `WITH opened AS (
       INSERT INTO cases (procedure, subject, customer_code, customer_name, opening, step, data, facts, opened_at,
                          opened_by, step_entered_at, due_at, updated_at, form_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::timestamptz, $10, $9::timestamptz, $11::timestamptz,
               $9::timestamptz, CASE WHEN $14::uuid IS NULL THEN 0 ELSE 1 END)
       ON CONFLICT (procedure, subject) WHERE closed_at IS NULL DO NOTHING
       RETURNING id, version
     ), event AS (
       INSERT INTO case_events (case_id, client_id, request_hash, kind, action, to_step, actor_id, at, data, form_id, version)
       SELECT id, $12::uuid, $13, 'opened', $5, $6, $10, $9::timestamptz, $7::jsonb, $14::uuid, version FROM opened
     )
     SELECT id FROM opened`,
    [
      c.definition.id,
      c.subject,
      c.customerCode,
      c.customerName,
      c.openingId,
      c.stepId,
      JSON.stringify(c.data),
      JSON.stringify(c.facts),
      c.at.toISOString(),
      c.actorId,
      step.deadline ? dueAt(step.deadline, c.at, c.calendar).toISOString() : null,
      c.clientId,
      c.requestHash,
      c.formId,
    ],
  );
  return rows[0]?.id ?? null;
}

export interface OpenInput {
  clientId: string;
  procedure: string;
  opening: string;
  data: unknown;
}

/** A back-office user opens a case (anulación): one open case per subject; idempotent by `clientId`. */
export async function openCase(
  ctx: CaseContext,
  actor: CaseActor,
  input: OpenInput,
): Promise<{ caseId: number; duplicate: boolean }> {
  const definition = procedureById(input.procedure);
  if (!definition) throw new CaseError(422, `No existe el procedimiento «${input.procedure}».`);
  const hash = requestHash({
    type: 'open',
    procedure: input.procedure,
    opening: input.opening,
    data: input.data,
  });
  const existing = await priorOpening(ctx.db, input.clientId);
  if (existing) {
    if (existing.hash !== hash) throw new CaseError(409, 'Ese identificador ya se usó para abrir otro caso.');
    return { caseId: existing.caseId, duplicate: true };
  }
  const now = ctx.now();
  const decision = decideOpening(definition, {
    opening: input.opening,
    data: input.data,
    actor: asActor(actor),
    today: ctx.calendar.dayOf(now),
  });
  if (!decision.ok) {
    throw new CaseError(
      decision.code === 'forbidden' ? 403 : 422,
      decision.message,
      decision.fieldErrors ? { fieldErrors: decision.fieldErrors } : {},
    );
  }
  const subject = decision.values[definition.subject.field] ?? '';
  const customerCode = decision.values.customerCode || null;
  const customer = customerCode ? await findCustomer(ctx.db, customerCode) : null;
  const known = customerOnCase(customer);
  const data = {
    ...known.data,
    ...Object.fromEntries(Object.entries(decision.values).filter(([, v]) => v !== '')),
  };
  try {
    const id = await insertOpenedCase(ctx.db, {
      definition,
      subject,
      customerCode,
      customerName: data.customerName ?? '',
      openingId: decision.opening.id,
      stepId: decision.step,
      data,
      facts: known.facts,
      at: now,
      actorId: actor.id,
      calendar: ctx.calendar,
      clientId: input.clientId,
      requestHash: hash,
      formId: null,
    });
    if (id !== null) return { caseId: id, duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await priorOpening(ctx.db, input.clientId);
    if (again && again.hash === hash) return { caseId: again.caseId, duplicate: true };
    throw new CaseError(409, 'Ese identificador ya se usó para abrir otro caso.');
  }
  const { rows } = await ctx.db.query<{ id: number }>(
    'SELECT id FROM cases WHERE procedure = $1 AND subject = $2 AND closed_at IS NULL',
    [definition.id, subject],
  );
  const open = rows[0];
  throw new CaseError(
    409,
    `Ya hay un caso abierto de ${definition.subject.label.toLowerCase()} ${subject}${open ? `: ${caseNumber(definition.id, open.id)}` : ''}.`,
    open ? { caseId: open.id } : {},
  );
}

async function priorOpening(
  q: Queryable,
  clientId: string,
): Promise<{ caseId: number; hash: string | null } | null> {
  const { rows } = await q.query<{ case_id: number; request_hash: string | null }>(
    `SELECT case_id, request_hash FROM case_events WHERE client_id = $1::uuid AND kind = 'opened'`,
    [clientId],
  );
  return rows[0] ? { caseId: rows[0].case_id, hash: rows[0].request_hash } : null;
}

interface FormGroup {
  definition: ProcedureDefinition;
  openingId: string;
  stepId: string;
  subject: string;
  customerName: string;
  data: Record<string, string>;
  facts: CaseFacts;
  /** The repeat forms' values merged in order: what they refresh on an open case. */
  values: Record<string, string>;
  forms: Array<{ id: string; values: Record<string, string> }>;
}

/**
 * Pop-up forms that open cases (the ZB form), inside the intake's transaction: each opens its
 * customer's case, or joins the open one (one open case per customer; a repeat form's values
 * refresh what the steps prefill). The form's own id is its history event's id, so a resent form
 * adds nothing. Two statements per batch at most, whatever its size: the new cases with their
 * events, then the joins to open ones, both in a stable order so concurrent batches never
 * deadlock. Returns, per form id, its case and whether this form opened it.
 */
export async function casesFromForms(
  tx: Queryable,
  input: {
    forms: Array<{ submission: FormSubmission; customer: Customer | null }>;
    userId: number;
    calendar: BusinessCalendar;
    now: Date;
  },
): Promise<Map<string, { caseId: number; created: boolean }>> {
  const { now } = input;
  const groups = new Map<string, FormGroup>();
  for (const { submission, customer } of input.forms) {
    const opened = procedureOpenedByForm(submission.formId);
    if (!opened) continue;
    const key = `${opened.definition.id}|${submission.customerCode}`;
    const values = Object.fromEntries(Object.entries(submission.values).filter(([, v]) => v.trim() !== ''));
    let group = groups.get(key);
    if (!group) {
      const known = customerOnCase(customer);
      group = {
        definition: opened.definition,
        openingId: opened.opening.id,
        stepId: opened.opening.target.step,
        subject: submission.customerCode,
        customerName: customer?.nombre || submission.customerName,
        data: {
          ...known.data,
          customerCode: submission.customerCode,
          customerName: customer?.nombre || submission.customerName,
        },
        facts: known.facts,
        values: {},
        forms: [],
      };
      groups.set(key, group);
    }
    group.values = { ...group.values, ...values };
    group.forms.push({ id: submission.id, values });
  }
  const result = new Map<string, { caseId: number; created: boolean }>();
  let pending = [...groups.values()].sort((a, b) =>
    `${a.definition.id}|${a.subject}`.localeCompare(`${b.definition.id}|${b.subject}`),
  );
  // A case closed between the two statements leaves its forms to open a new one: go round again.
  for (let round = 0; round < 3 && pending.length > 0; round += 1) {
    const opened = await tx.query<{ id: number; procedure: string; subject: string }>(
      `WITH input AS (
         SELECT * FROM ROWS FROM (
           jsonb_to_recordset($1::jsonb) AS (procedure text, subject text, customer_name text, opening text, step text,
                                             data jsonb, facts jsonb, due_at timestamptz, forms jsonb)
         ) WITH ORDINALITY AS x(procedure, subject, customer_name, opening, step, data, facts, due_at, forms, n)
       ), opened AS (
         INSERT INTO cases (procedure, subject, customer_code, customer_name, opening, step, data, facts, opened_at,
                            opened_by, step_entered_at, due_at, updated_at, form_count)
         SELECT procedure, subject, subject, customer_name, opening, step, data, facts, $2::timestamptz, $3,
                $2::timestamptz, due_at, $2::timestamptz, jsonb_array_length(forms)
           FROM input ORDER BY n
         ON CONFLICT (procedure, subject) WHERE closed_at IS NULL DO NOTHING
         RETURNING id, procedure, subject, version, step
       ), events AS (
         INSERT INTO case_events (case_id, client_id, kind, action, from_step, to_step, actor_id, at, data, form_id, version)
         SELECT o.id, (f.value->>'id')::uuid, CASE WHEN f.i = 1 THEN 'opened' ELSE 'form' END,
                CASE WHEN f.i = 1 THEN i.opening END, CASE WHEN f.i > 1 THEN o.step END,
                CASE WHEN f.i = 1 THEN o.step END, $3, $2::timestamptz,
                CASE WHEN f.i = 1 THEN i.data ELSE f.value->'values' END, (f.value->>'id')::uuid, o.version
           FROM opened o JOIN input i ON i.procedure = o.procedure AND i.subject = o.subject,
                jsonb_array_elements(i.forms) WITH ORDINALITY AS f(value, i)
       )
       SELECT id, procedure, subject FROM opened`,
      [
        JSON.stringify(
          pending.map((g) => {
            const step = g.definition.steps[g.stepId]!;
            return {
              procedure: g.definition.id,
              subject: g.subject,
              customer_name: g.customerName,
              opening: g.openingId,
              step: g.stepId,
              data: { ...g.data, ...g.values },
              facts: g.facts,
              due_at: step.deadline ? dueAt(step.deadline, now, input.calendar).toISOString() : null,
              forms: g.forms,
            };
          }),
        ),
        now.toISOString(),
        input.userId,
      ],
    );
    const settled = new Set<string>();
    for (const row of opened.rows) {
      const group = groups.get(`${row.procedure}|${row.subject}`)!;
      group.forms.forEach((form, index) => result.set(form.id, { caseId: row.id, created: index === 0 }));
      settled.add(`${row.procedure}|${row.subject}`);
    }
    const joining = pending.filter((g) => !settled.has(`${g.definition.id}|${g.subject}`));
    pending = joining;
    if (joining.length === 0) break;
    const joined = await tx.query<{ id: number; procedure: string; subject: string }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(procedure text, subject text, "values" jsonb, forms jsonb)
       ), locked AS (
         SELECT c.id FROM cases c JOIN input i ON i.procedure = c.procedure AND i.subject = c.subject
          WHERE c.closed_at IS NULL ORDER BY c.id FOR UPDATE OF c
       ), joined AS (
         UPDATE cases c SET data = c.data || i."values", form_count = c.form_count + jsonb_array_length(i.forms),
                updated_at = $2::timestamptz
           FROM input i, locked l
          WHERE c.id = l.id AND i.procedure = c.procedure AND i.subject = c.subject
         RETURNING c.id, c.procedure, c.subject, c.version, c.step
       ), events AS (
         INSERT INTO case_events (case_id, client_id, kind, from_step, actor_id, at, data, form_id, version)
         SELECT j.id, (f.value->>'id')::uuid, 'form', j.step, $3, $2::timestamptz, f.value->'values',
                (f.value->>'id')::uuid, j.version
           FROM joined j JOIN input i ON i.procedure = j.procedure AND i.subject = j.subject,
                jsonb_array_elements(i.forms) AS f(value)
         ON CONFLICT (client_id) DO NOTHING
       )
       SELECT id, procedure, subject FROM joined`,
      [
        JSON.stringify(
          joining.map((g) => ({
            procedure: g.definition.id,
            subject: g.subject,
            values: g.values,
            forms: g.forms,
          })),
        ),
        now.toISOString(),
        input.userId,
      ],
    );
    for (const row of joined.rows) {
      const group = groups.get(`${row.procedure}|${row.subject}`)!;
      for (const form of group.forms) result.set(form.id, { caseId: row.id, created: false });
      settled.add(`${row.procedure}|${row.subject}`);
    }
    pending = joining.filter((g) => !settled.has(`${g.definition.id}|${g.subject}`));
  }
  if (pending.length > 0) throw new Error('could not open or join a case for a form');
  return result;
}

/** A comment on a case (any back-office user); idempotent by `clientId`; never conflicts with a step. */
export async function commentCase(
  ctx: CaseContext,
  actor: CaseActor,
  input: { caseId: number; clientId: string; comment: string },
): Promise<{ duplicate: boolean }> {
  const comment = input.comment.trim();
  if (!comment) throw new CaseError(422, 'Escriba el comentario.');
  const hash = requestHash({ type: 'comment', comment });
  const { row, prior } = await readCase(ctx.db, input.caseId, input.clientId);
  if (!row) throw new CaseError(404, 'No existe ese caso.');
  if (checkPrior(prior, row.id, hash) === 'duplicate') return { duplicate: true };
  return insertSideEvent(ctx, row, {
    clientId: input.clientId,
    hash,
    kind: 'comment',
    actorId: actor.id,
    comment,
    assigneeId: null,
  });
}

/** Takes the case (assignee = self) or hands it to another back-office user (`null` releases it). */
export async function assignCase(
  ctx: CaseContext,
  actor: CaseActor,
  input: { caseId: number; clientId: string; assigneeId: number | null; comment?: string },
): Promise<{ duplicate: boolean }> {
  const hash = requestHash({ type: 'assign', assignee: input.assigneeId, comment: input.comment ?? '' });
  const { row, prior } = await readCase(ctx.db, input.caseId, input.clientId);
  if (!row) throw new CaseError(404, 'No existe ese caso.');
  if (checkPrior(prior, row.id, hash) === 'duplicate') return { duplicate: true };
  if (row.step === null) throw new CaseError(422, 'El caso ya terminó: no se asigna.');
  const step = definitionOf(row).steps[row.step]!;
  if (!actsAs(asActor(actor), step.roles)) {
    throw new CaseError(403, 'Solo quien actúa en el paso actual (o un administrador) asigna el caso.');
  }
  if (input.assigneeId !== null) {
    const { rows } = await ctx.db.query<{ role: string }>(
      'SELECT role FROM users WHERE id = $1 AND NOT disabled',
      [input.assigneeId],
    );
    if (!rows[0] || rows[0].role === 'agent')
      throw new CaseError(422, 'Solo se asigna a usuarios del back office.');
  }
  return insertSideEvent(ctx, row, {
    clientId: input.clientId,
    hash,
    kind: 'assign',
    actorId: actor.id,
    comment: input.comment?.trim() || null,
    assigneeId: input.assigneeId,
  });
}

async function insertSideEvent(
  ctx: CaseContext,
  row: CaseRow,
  event: {
    clientId: string;
    hash: string;
    kind: 'comment' | 'assign';
    actorId: number;
    comment: string | null;
    assigneeId: number | null;
  },
): Promise<{ duplicate: boolean }> {
  const now = ctx.now().toISOString();
  try {
    await ctx.db.query(
      `WITH changed AS (
         UPDATE cases SET assignee_id = CASE WHEN $3 = 'assign' THEN $6::bigint ELSE assignee_id END, updated_at = $7::timestamptz
          WHERE id = $1 RETURNING id, version, step
       )
       INSERT INTO case_events (case_id, client_id, request_hash, kind, from_step, actor_id, at, comment, assignee_id, version)
       SELECT id, $2::uuid, $4, $3, step, $5, $7::timestamptz, $8, $6::bigint, version FROM changed`,
      [row.id, event.clientId, event.kind, event.hash, event.actorId, event.assigneeId, now, event.comment],
    );
    return { duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await readCase(ctx.db, row.id, event.clientId);
    checkPrior(again.prior, row.id, event.hash);
    return { duplicate: true };
  }
}
