import { FORMS } from '../../../shared/forms/fields';
import type { FormSubmission } from '../../../shared/forms/submission';
import type { BusinessCalendar } from '../../../shared/calendar';
import { cutText, toStorableText } from '../../../shared/text/storable';
import { procedureOpenedByForm } from '../../../shared/procedures';
import { relatedTicketProblem } from '../../../shared/requirements/related';
import { BLOCK_PROBLEM_LEAF_ID } from '../../../shared/requirements/typology';
import type { AuthUser } from '../auth/plugin';
import { calendarFor } from '../cases/calendar';
import { casesFromForms } from '../cases/engine';
import { escalationFromForm } from '../escalations/repo';
import type { Db, Queryable } from '../db/types';
import { lookUpCustomers } from '../directory/customers';
import { composeFormMail, messageIdFor } from '../mail/compose';
import { resolveRoute } from '../routing/resolve';
import type { Route, RouteCache } from '../routing/table';
import { getTickets, openTicket, withOverdue, type Ticket } from '../tickets/repo';
import { clientError } from '../http';
import { checkSubmission } from './validate';

type TicketAnswer = Ticket & { overdue: boolean; created: boolean };

export type ItemResult =
  | {
      id: string | null;
      status: 'accepted';
      ticket?: TicketAnswer;
      /** The back-office case the form opened or joined (ZB). */
      case?: { id: number; created: boolean };
    }
  /** `ticket`: the one that form opened or joined, so a resend after a lost answer still learns it. */
  | { id: string | null; status: 'duplicate'; ticket?: TicketAnswer }
  /** `code: 'conflict'`: the id is taken by another form; send it again under a new id. */
  | { id: string | null; status: 'rejected'; reason: string; code?: 'conflict' };

export const CONFLICT_REASON =
  'Ya se recibió otro formulario con este mismo identificador y datos distintos: este no se guardó. Reenvíelo como un formulario nuevo.';

export interface IntakeOptions {
  routes: RouteCache;
  mailDomain: string;
  timeZone: string;
  calendar: BusinessCalendar;
  now: () => Date;
}

interface Valid {
  index: number;
  submission: FormSubmission;
  route: Route;
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? cutText(toStorableText(id), 64) : null;
}

function recipientsFor(route: Route, user: AuthUser): string[] {
  const recipients = [...route.recipients];
  // The supervisor route goes to the agent's own supervisor; the route's mailbox is the fallback.
  if (route.toSupervisor && user.supervisorEmail) return [user.supervisorEmail];
  return recipients;
}

/**
 * Takes a batch of forms from one signed-in user. Each item is checked on its own with the app's
 * schema and the routing rules; the good ones are stored, their mails queued and their tickets
 * opened atomically (one statement, or one transaction when tickets are involved), so a form is
 * never stored without its mail, nor the mail without it. `ON CONFLICT DO NOTHING` on the client's
 * UUID makes a resend a `duplicate`, never a second form.
 */
export async function takeForms(
  db: Db,
  user: AuthUser,
  items: unknown[],
  options: IntakeOptions,
): Promise<ItemResult[]> {
  const results: ItemResult[] = new Array(items.length);
  let valid: Valid[] = [];
  const seenInBatch = new Map<string, string>();
  const routes = await options.routes.get(db);

  items.forEach((raw, index) => {
    const check = checkSubmission(raw);
    if (!check.ok) {
      results[index] = { id: idOf(raw), status: 'rejected', reason: check.reason };
      return;
    }
    // PostgreSQL answers uuids in lower case; compare in the same case.
    const submission = { ...check.submission, id: check.submission.id.toLowerCase() };
    const resolution = resolveRoute(submission);
    if (!resolution.ok) {
      results[index] = { id: submission.id, status: 'rejected', reason: resolution.reason };
      return;
    }
    const route = routes.get(resolution.key);
    if (!route) {
      results[index] = {
        id: submission.id,
        status: 'rejected',
        reason: `No hay un destino configurado para ${resolution.key}: avise al administrador.`,
      };
      return;
    }
    const seen = seenInBatch.get(submission.id);
    if (seen !== undefined) {
      results[index] =
        seen === JSON.stringify(submission)
          ? { id: submission.id, status: 'duplicate' }
          : { id: submission.id, status: 'rejected', reason: CONFLICT_REASON, code: 'conflict' };
      return;
    }
    seenInBatch.set(submission.id, JSON.stringify(submission));
    // A note adds to a case: it reaches the case's area by mail but never opens a ticket itself.
    valid.push({
      index,
      submission,
      route: submission.formId === 'nota' ? { ...route, createsTicket: false } : route,
    });
  });

  if (valid.length === 0) return results;
  const now = options.now();
  const today = options.calendar.dayOf(now);
  // An earlier ticket a requirement names must exist and qualify (insistence, trasvasije backing).
  await rejectBadRelatedTickets(db, valid, results, options.calendar, today);
  valid = valid.filter((item) => !results[item.index]);
  if (valid.length === 0) return results;
  // Read before writing: the directory says whether the customer exists and fills the mail.
  const lookup = await lookUpCustomers(
    db,
    valid.map((item) => item.submission.customerCode),
  );
  const customers = lookup.active;
  const unknownCustomer = valid.filter((item) => lookup.problem(item.submission.customerCode));
  if (unknownCustomer.length > 0) {
    // A resend of a form stored before its customer left the directory is still a duplicate.
    const stored = await compareExisting(db, user.id, unknownCustomer);
    for (const item of unknownCustomer) {
      const id = item.submission.id;
      const existing = stored.get(id);
      results[item.index] = existing
        ? storedVerdict(id, existing)
        : { id, status: 'rejected', reason: lookup.problem(item.submission.customerCode)! };
      valid.splice(valid.indexOf(item), 1);
    }
    if (valid.length === 0) return results;
  }
  const mailFor = (item: Valid, ticket: Ticket | null): QueuedMail | null => {
    const recipients = recipientsFor(item.route, user);
    if (recipients.length === 0) return null;
    const { submission, route } = item;
    const mail = composeFormMail({
      submission,
      areaId: route.areaId,
      agent: { username: user.username, displayName: user.displayName },
      customer: customers.get(submission.customerCode) ?? null,
      ticket,
      timeZone: options.timeZone,
    });
    return { message_id: messageIdFor(submission.id, route.key, options.mailDomain), recipients, ...mail };
  };

  const ticketItems = valid.filter((item) => item.route.createsTicket);
  const noteItems = valid.filter((item) => item.submission.context?.relatedFormId);
  const caseItems = valid.filter((item) => procedureOpenedByForm(item.submission.formId));
  const escalated = valid.filter((item) => item.submission.supervisorReason);
  let inserted: Set<string>;
  if (
    ticketItems.length === 0 &&
    noteItems.length === 0 &&
    caseItems.length === 0 &&
    escalated.length === 0
  ) {
    // The common case in ONE statement (forms and their mails): atomic on its own, one round trip.
    inserted = await insertFormsWithMail(
      db,
      user,
      valid.map((item) => ({ item, mail: mailFor(item, null) })),
    );
  } else {
    inserted = await db.transaction(async (tx) => {
      const stored = await insertFormsWithMail(
        tx,
        user,
        valid.map((item) => ({ item, mail: item.route.createsTicket ? null : mailFor(item, null) })),
      );
      // A ticket (and its mail, which names the ticket) only for forms stored just now.
      const ticketMails: Array<{ item: Valid; mail: QueuedMail | null }> = [];
      for (const item of ticketItems.filter((i) => stored.has(i.submission.id))) {
        const { submission } = item;
        const opened = await openTicket(tx, options.calendar, {
          customerCode: submission.customerCode,
          // The Z4 pop-up's form has no requirement: its ticket is «Problema de bloqueo / Fuera de norma».
          typeId: submission.requirement?.typeId ?? BLOCK_PROBLEM_LEAF_ID,
          description: submission.values.observations ?? '',
          relatedTicketId: submission.requirement?.relatedTicketId ?? null,
          formId: submission.id,
          userId: user.id,
          now,
        });
        await tx.query('UPDATE forms SET ticket_id = $1 WHERE id = $2', [opened.ticket.id, submission.id]);
        results[item.index] = {
          id: submission.id,
          status: 'accepted',
          ticket: { ...withOverdue(opened.ticket, today), created: opened.created },
        };
        ticketMails.push({ item, mail: mailFor(item, opened.ticket) });
      }
      await insertMails(tx, ticketMails);
      // A note to a case that opened a ticket is added to the ticket, where post-sale reads it.
      for (const item of noteItems.filter((i) => stored.has(i.submission.id))) {
        const { submission } = item;
        // The case's ticket: the one its form opened or joined (forms.ticket_id), or opened before 004.
        await tx.query(
          `UPDATE tickets SET description = description || $2
            WHERE id IN (SELECT ticket_id FROM forms WHERE id = $1::uuid) OR form_id = $1::uuid`,
          [
            submission.context!.relatedFormId!.toLowerCase(),
            `\n\nNota de ${user.displayName} (${submission.createdAt}): ${submission.values.observations ?? ''}`,
          ],
        );
      }
      // A ZB form opens the customer's case or joins the open one, in the form's transaction.
      const storedCaseItems = caseItems.filter((i) => stored.has(i.submission.id));
      if (storedCaseItems.length > 0) {
        const cases = await casesFromForms(tx, {
          forms: storedCaseItems.map((item) => ({
            submission: item.submission,
            customer: customers.get(item.submission.customerCode) ?? null,
          })),
          userId: user.id,
          calendar: calendarFor(options.timeZone),
          now: options.now(),
        });
        for (const item of storedCaseItems) {
          const opened = cases.get(item.submission.id);
          if (opened)
            results[item.index] = {
              id: item.submission.id,
              status: 'accepted',
              case: { id: opened.caseId, created: opened.created },
            };
        }
      }
      // "Aviso al supervisor" forms also land in the supervisors' escalations inbox.
      for (const item of escalated.filter((i) => stored.has(i.submission.id))) {
        await escalationFromForm(tx, {
          submission: item.submission,
          userId: user.id,
          supervisorId: user.supervisorId,
          now: options.now(),
        });
      }
      return stored;
    });
  }
  const existing = await compareExisting(
    db,
    user.id,
    valid.filter((item) => !inserted.has(item.submission.id)),
  );
  const resent = valid.filter((item) => !results[item.index] && !inserted.has(item.submission.id));
  const earlierTickets = await ticketsOfForms(
    db,
    resent.filter((item) => item.route.createsTicket).map((item) => item.submission.id),
  );
  for (const item of valid) {
    if (results[item.index]) continue;
    const id = item.submission.id;
    if (inserted.has(id)) {
      results[item.index] = { id, status: 'accepted' };
      continue;
    }
    const stored = existing.get(id);
    if (!stored) {
      // Not inserted, yet not there: a concurrent insert rolled back. Nothing was decided.
      throw clientError(503, 'La central no pudo decidir sobre un formulario: intente nuevamente.');
    }
    const verdict = storedVerdict(id, stored);
    const ticket = earlierTickets.get(id);
    results[item.index] =
      verdict.status === 'duplicate' && ticket
        ? { ...verdict, ticket: { ...withOverdue(ticket, today), created: ticket.formId === id } }
        : verdict;
  }
  return results;
}

async function rejectBadRelatedTickets(
  db: Queryable,
  valid: Valid[],
  results: ItemResult[],
  calendar: BusinessCalendar,
  today: string,
): Promise<void> {
  const naming = valid.filter((item) => item.submission.requirement?.relatedTicketId);
  if (naming.length === 0) return;
  const tickets = await getTickets(
    db,
    naming.map((item) => item.submission.requirement!.relatedTicketId!),
  );
  for (const { index, submission } of naming) {
    const requirement = submission.requirement!;
    const problem = relatedTicketProblem(
      submission.formId,
      requirement,
      tickets.get(requirement.relatedTicketId!),
      {
        customerCode: submission.customerCode,
        today,
        localDay: (iso) => calendar.dayOf(new Date(iso)),
      },
    );
    if (problem) results[index] = { id: submission.id, status: 'rejected', reason: problem };
  }
}

/** The tickets forms stored earlier opened or joined (forms.ticket_id). */
async function ticketsOfForms(db: Queryable, formIds: string[]): Promise<Map<string, Ticket>> {
  if (formIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; ticket_id: string }>(
    `SELECT id::text, ticket_id FROM forms
      WHERE id = ANY (SELECT (jsonb_array_elements_text($1::jsonb))::uuid) AND ticket_id IS NOT NULL`,
    [JSON.stringify(formIds)],
  );
  const tickets = await getTickets(
    db,
    rows.map((row) => row.ticket_id),
  );
  const byForm = new Map<string, Ticket>();
  for (const row of rows) {
    const ticket = tickets.get(row.ticket_id);
    if (ticket) byForm.set(row.id, ticket);
  }
  return byForm;
}

interface StoredForm {
  sameOwner: boolean;
  samePayload: boolean;
}

/** `duplicate` means "already stored as you sent it": only to its owner, only for the same data. */
function storedVerdict(id: string, stored: StoredForm): ItemResult {
  return stored.sameOwner && stored.samePayload
    ? { id, status: 'duplicate' }
    : { id, status: 'rejected', reason: CONFLICT_REASON, code: 'conflict' };
}

/** For ids that were already stored: same owner? same payload (by the stored hash)? */
async function compareExisting(
  db: Queryable,
  userId: number,
  items: Valid[],
): Promise<Map<string, StoredForm>> {
  if (items.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; owner_id: number; same_payload: boolean }>(
    `SELECT f.id, f.submitted_by AS owner_id,
            f.payload_hash = encode(sha256(convert_to(x.payload::text, 'UTF8')), 'hex') AS same_payload
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, payload jsonb)
       JOIN forms f ON f.id = x.id`,
    [JSON.stringify(items.map(({ submission }) => ({ id: submission.id, payload: submission })))],
  );
  return new Map(
    rows.map((row) => [row.id, { sameOwner: row.owner_id === userId, samePayload: row.same_payload }]),
  );
}

interface QueuedMail {
  message_id: string;
  recipients: string[];
  subject: string;
  body: string;
}

function formRow({ submission, route }: Valid, mail: QueuedMail | null) {
  return {
    id: submission.id,
    form_id: submission.formId,
    customer_code: submission.customerCode,
    customer_name: submission.customerName,
    block_codes: submission.blockCodes,
    agent: submission.agent,
    route_key: route.key,
    created_at: submission.createdAt,
    payload: submission,
    mail,
  };
}

/**
 * Forms and their mails in one statement: a mail row is written only for a form row this
 * statement inserted, so a resent form (ON CONFLICT DO NOTHING) queues nothing again.
 * Returns the ids inserted now.
 */
async function insertFormsWithMail(
  q: Queryable,
  user: AuthUser,
  items: Array<{ item: Valid; mail: QueuedMail | null }>,
): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, form_id text, customer_code text, customer_name text,
              block_codes jsonb, agent text, route_key text, created_at timestamptz, payload jsonb, mail jsonb)
     ), stored AS (
       INSERT INTO forms (id, form_id, customer_code, customer_name, block_codes, agent, submitted_by, route_key, created_at, payload, payload_hash)
       SELECT id, form_id, customer_code, customer_name, ARRAY(SELECT jsonb_array_elements_text(block_codes)),
              agent, $2, route_key, created_at, payload, encode(sha256(convert_to(payload::text, 'UTF8')), 'hex')
         FROM input
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     ), queued AS (
       INSERT INTO mail_outbox (form_id, route_key, message_id, recipients, subject, body)
       SELECT i.id, i.route_key, i.mail->>'message_id', ARRAY(SELECT jsonb_array_elements_text(i.mail->'recipients')),
              i.mail->>'subject', i.mail->>'body'
         FROM input i JOIN stored s ON s.id = i.id
        WHERE i.mail IS NOT NULL AND jsonb_typeof(i.mail) = 'object'
       ON CONFLICT (message_id) DO NOTHING
     )
     SELECT id FROM stored`,
    [JSON.stringify(items.map(({ item, mail }) => formRow(item, mail))), user.id],
  );
  return new Set(rows.map((row) => row.id));
}

async function insertMails(
  q: Queryable,
  items: Array<{ item: Valid; mail: QueuedMail | null }>,
): Promise<void> {
  const mails = items.filter((entry) => entry.mail !== null);
  if (mails.length === 0) return;
  await q.query(
    `INSERT INTO mail_outbox (form_id, route_key, message_id, recipients, subject, body)
     SELECT x.form_id, x.route_key, x.message_id, ARRAY(SELECT jsonb_array_elements_text(x.recipients)), x.subject, x.body
       FROM jsonb_to_recordset($1::jsonb) AS x(form_id uuid, route_key text, message_id text, recipients jsonb, subject text, body text)
     ON CONFLICT (message_id) DO NOTHING`,
    [
      JSON.stringify(
        mails.map(({ item, mail }) => ({ form_id: item.submission.id, route_key: item.route.key, ...mail })),
      ),
    ],
  );
}

/** Form title for lists (the agent sees titles, not ids). */
export function formTitle(formId: string): string {
  return formId in FORMS ? FORMS[formId as keyof typeof FORMS].title : formId;
}
