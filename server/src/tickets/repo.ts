import type { BusinessCalendar } from '../../../shared/calendar';
import type { BalanceUnit, TicketResolution, TicketSummary } from '../../../shared/tickets/ticketHistory';
import { isTicketOverdue } from '../../../shared/tickets/ticketHistory';
import type { Queryable } from '../db/types';
import { ticketDueDate } from '../../../shared/requirements/dueDate';
import { activeTicketType } from './types';

export interface Ticket extends TicketSummary {
  description: string;
  formId: string | null;
}

interface TicketRow {
  id: string;
  customer_code: string;
  leaf_id: string | null;
  typology_id: number;
  asunto: string;
  item: string;
  subitem: string | null;
  status: 'abierto' | 'cerrado';
  due_date: string;
  created_at: Date;
  closed_at: Date | null;
  related_ticket_id: string | null;
  answer: string | null;
  reply_mailbox: string | null;
  balance_amount: number | null;
  balance_unit: BalanceUnit | null;
  balance_approved: boolean;
  description: string;
  form_id: string | null;
}

const TICKET_COLUMNS = `t.id, t.customer_code, y.leaf_id, t.typology_id, y.asunto, y.item, y.subitem, t.status,
  t.due_date::text AS due_date, t.created_at, t.closed_at, t.related_ticket_id, t.answer, t.reply_mailbox,
  t.balance_amount::float8 AS balance_amount, t.balance_unit, t.balance_approved, t.description, t.form_id`;
const SELECT_TICKET = `SELECT ${TICKET_COLUMNS} FROM tickets t JOIN ticket_typologies y ON y.id = t.typology_id`;

function toTicket(row: TicketRow): Ticket {
  const resolution: TicketResolution | null =
    row.answer === null && row.balance_amount === null
      ? null
      : {
          answer: row.answer ?? '',
          replyMailbox: row.reply_mailbox,
          balance:
            row.balance_amount !== null && row.balance_unit
              ? { amount: row.balance_amount, unit: row.balance_unit, approved: row.balance_approved }
              : null,
        };
  return {
    id: row.id,
    customerCode: row.customer_code,
    // A type of migration 002 that matches no leaf (none shipped) still shows, under its row id.
    typeId: row.leaf_id ?? `retirado-${row.typology_id}`,
    typology: { asunto: row.asunto, item: row.item, subitem: row.subitem },
    status: row.status,
    dueDate: row.due_date,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    relatedTicketId: row.related_ticket_id,
    resolution,
    description: row.description,
    formId: row.form_id,
  };
}

export function withOverdue(ticket: Ticket, today: string): Ticket & { overdue: boolean } {
  return { ...ticket, overdue: ticket.status === 'abierto' && isTicketOverdue(ticket, today) };
}

export async function findOpenTicket(
  db: Queryable,
  customerCode: string,
  typeId: string,
  relatedTicketId: string | null = null,
): Promise<Ticket | null> {
  const { rows } = await db.query<TicketRow>(
    `${SELECT_TICKET} WHERE t.customer_code = $1 AND y.leaf_id = $2 AND t.status = 'abierto'
       AND coalesce(t.related_ticket_id, '') = coalesce($3, '')`,
    [customerCode, typeId, relatedTicketId],
  );
  return rows[0] ? toTicket(rows[0]) : null;
}

export async function getTicket(db: Queryable, id: string): Promise<Ticket | null> {
  const { rows } = await db.query<TicketRow>(`${SELECT_TICKET} WHERE t.id = $1`, [id]);
  return rows[0] ? toTicket(rows[0]) : null;
}

export async function getTickets(db: Queryable, ids: readonly string[]): Promise<Map<string, Ticket>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<TicketRow>(
    `${SELECT_TICKET} WHERE t.id = ANY (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify([...new Set(ids)])],
  );
  return new Map(rows.map((row) => [row.id, toTicket(row)]));
}

/** How many closed tickets the desk gets, besides every open one. */
import { RECENT_CLOSED_MAX as RECENT_CLOSED } from '../../../shared/api/tickets';

/**
 * What the desk caches for a customer: every open ticket, and the latest closed ones answered
 * since `closedSince` (what an insistence or a trasvasije return can name). Both halves use
 * `tickets_customer` (customer_code, created_at DESC).
 */
export async function listCustomerTickets(
  db: Queryable,
  customerCode: string,
  closedSince: Date,
): Promise<Ticket[]> {
  const { rows } = await db.query<TicketRow>(
    `(${SELECT_TICKET} WHERE t.customer_code = $1 AND t.status = 'abierto')
     UNION ALL
     (${SELECT_TICKET} WHERE t.customer_code = $1 AND t.status = 'cerrado' AND t.closed_at >= $2
       ORDER BY t.created_at DESC LIMIT ${RECENT_CLOSED})
     ORDER BY created_at DESC`,
    [customerCode, closedSince],
  );
  return rows.map(toTicket);
}

export class TicketError extends Error {}

export interface OpenTicketInput {
  customerCode: string;
  typeId: string;
  description: string;
  relatedTicketId: string | null;
  formId: string | null;
  userId: number;
  now: Date;
}

/**
 * Opens a ticket unless the customer already has an open one of that type (for an insistence: on
 * the same earlier ticket) — the Z4 rule, also held by a unique index so two agents at once still
 * make one. The due date is the type's business days after today in Chile. Returns the ticket
 * either way.
 */
export async function openTicket(
  db: Queryable,
  calendar: BusinessCalendar,
  input: OpenTicketInput,
): Promise<{ ticket: Ticket; created: boolean }> {
  const type = await activeTicketType(db, input.typeId);
  if (!type) throw new TicketError(`La tipificación «${input.typeId}» no existe o no se usa para tickets.`);
  const dueDate = ticketDueDate(calendar, input.now, type.dueBusinessDays);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tickets (customer_code, typology_id, due_date, description, form_id, created_by, related_ticket_id, created_at)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8)
     ON CONFLICT (customer_code, typology_id, (coalesce(related_ticket_id, ''))) WHERE status = 'abierto' DO NOTHING
     RETURNING id`,
    [
      input.customerCode,
      type.rowId,
      dueDate,
      input.description,
      input.formId,
      input.userId,
      input.relatedTicketId,
      input.now,
    ],
  );
  const created = rows.length > 0;
  const ticket = created
    ? await getTicket(db, rows[0]!.id)
    : await findOpenTicket(db, input.customerCode, input.typeId, input.relatedTicketId);
  if (!ticket) throw new Error('open ticket vanished');
  return { ticket, created };
}

export interface ResolutionInput {
  answer: string;
  replyMailbox?: string | null;
  balance?: { amount: number; unit: BalanceUnit; approved: boolean } | null;
}

/** Closes an open ticket with the back office's answer; a closed one is returned as it is. */
export async function closeTicket(
  db: Queryable,
  id: string,
  resolution: ResolutionInput,
  at: Date,
): Promise<Ticket | null> {
  await db.query(
    `UPDATE tickets SET status = 'cerrado', closed_at = $7, answer = $2, reply_mailbox = $3,
       balance_amount = $4, balance_unit = $5, balance_approved = coalesce($6, false)
     WHERE id = $1 AND status = 'abierto'`,
    [
      id,
      resolution.answer,
      resolution.replyMailbox ?? null,
      resolution.balance?.amount ?? null,
      resolution.balance?.unit ?? null,
      resolution.balance?.approved ?? null,
      at,
    ],
  );
  return getTicket(db, id);
}
