// How many closed tickets the desk gets, besides every open one.
import { RECENT_CLOSED_MAX as RECENT_CLOSED } from '../../../shared/api/tickets';
import type { BusinessCalendar } from '../../../shared/calendar';
import type { BalanceUnit, TicketResolution, TicketSummary } from '../../../shared/tickets/ticketHistory';
import { isTicketOverdue } from '../../../shared/tickets/ticketHistory';
import { visibilityFilter, type User } from '../auth/users';
import type { Queryable } from '../db/types';
import { ticketDueDate } from '../../../shared/requirements/dueDate';
import { activeTicketType } from './types';

export interface Ticket extends TicketSummary {
  description: string;
  formId: string | null;
  /** Usernames: who opened it and who closed it (null: before these were recorded, or not closed). */
  createdBy: string | null;
  closedBy: string | null;
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
  created_by_name: string | null;
  closed_by_name: string | null;
}

const TICKET_COLUMNS = `t.id, t.customer_code, y.leaf_id, t.typology_id, y.asunto, y.item, y.subitem, t.status,
  t.due_date::text AS due_date, t.created_at, t.closed_at, t.related_ticket_id, t.answer, t.reply_mailbox,
  t.balance_amount::float8 AS balance_amount, t.balance_unit, t.balance_approved, t.description, t.form_id,
  cu.username AS created_by_name, xu.username AS closed_by_name`;
const SELECT_TICKET = `SELECT ${TICKET_COLUMNS} FROM tickets t JOIN ticket_typologies y ON y.id = t.typology_id
  LEFT JOIN users cu ON cu.id = t.created_by LEFT JOIN users xu ON xu.id = t.closed_by`;

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
    createdBy: row.created_by_name,
    closedBy: row.closed_by_name,
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

/**
 * What the desk caches for a customer: every open ticket, and the latest closed ones answered
 * since `closedSince` (what an insistence or a trasvasije return can name). Both halves use
 * `tickets_customer` (customer_code, created_at DESC).
 */
export async function deskCustomerTickets(
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

/** A customer's tickets that `viewer` may read: opened by them, their team (supervisor), or all (admin). */
export async function listCustomerTickets(
  db: Queryable,
  customerCode: string,
  viewer: User,
): Promise<Ticket[]> {
  const filter = visibilityFilter(viewer, 't.created_by', 2);
  const { rows } = await db.query<TicketRow>(
    `${SELECT_TICKET} WHERE t.customer_code = $1 AND ${filter.sql} ORDER BY t.created_at DESC LIMIT 200`,
    [customerCode, ...filter.params],
  );
  return rows.map(toTicket);
}

/** Who opened the ticket (their user id), or null when unknown; undefined when there is no such ticket. */
export async function ticketOpener(db: Queryable, id: string): Promise<number | null | undefined> {
  const { rows } = await db.query<{ created_by: number | null }>(
    'SELECT created_by FROM tickets WHERE id = $1',
    [id],
  );
  return rows[0] ? rows[0].created_by : undefined;
}

async function recordEvent(db: Queryable, ticketId: string, action: 'abierto' | 'cerrado', actorId: number) {
  await db.query('INSERT INTO ticket_events (ticket_id, action, actor_id) VALUES ($1, $2, $3)', [
    ticketId,
    action,
    actorId,
  ]);
}

/** The ticket's history: what happened, who did it, when. */
export async function ticketEvents(
  db: Queryable,
  ticketId: string,
): Promise<Array<{ action: 'abierto' | 'cerrado'; actor: string | null; at: string }>> {
  const { rows } = await db.query<{ action: 'abierto' | 'cerrado'; actor: string | null; at: Date }>(
    `SELECT e.action, u.username AS actor, e.at FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.ticket_id = $1 ORDER BY e.at, e.id`,
    [ticketId],
  );
  return rows.map((row) => ({ action: row.action, actor: row.actor, at: row.at.toISOString() }));
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
  if (created) await recordEvent(db, rows[0]!.id, 'abierto', input.userId);
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

/**
 * Closes an open ticket with the back office's answer, recording who did; closing a closed one
 * changes nothing and returns it as it is.
 */
export async function closeTicket(
  db: Queryable,
  id: string,
  resolution: ResolutionInput,
  actorId: number,
  at: Date,
): Promise<Ticket | null> {
  const { rowCount } = await db.query(
    `UPDATE tickets SET status = 'cerrado', closed_at = $7, closed_by = $8, answer = $2, reply_mailbox = $3,
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
      actorId,
    ],
  );
  if (rowCount > 0) await recordEvent(db, id, 'cerrado', actorId);
  return getTicket(db, id);
}
