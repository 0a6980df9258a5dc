import {
  isTicketOverdue,
  type TicketSummary,
  type TicketTypology,
} from '../../../shared/tickets/ticketHistory';
import { visibilityFilter, type User } from '../auth/users';
import type { Queryable } from '../db/types';
import { addDays } from './dates';

export interface Ticket extends TicketSummary {
  description: string;
  formId: string | null;
  /** Usernames: who opened it and who closed it (null: before these were recorded, or not closed). */
  createdBy: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

interface TicketRow {
  id: string;
  customer_code: string;
  asunto: string;
  item: string;
  subitem: string;
  status: 'abierto' | 'cerrado';
  due_date: string;
  created_at: Date;
  description: string;
  form_id: string | null;
  created_by_name: string | null;
  closed_by_name: string | null;
  closed_at: Date | null;
}

const SELECT_TICKET = `SELECT t.id, t.customer_code, y.asunto, y.item, y.subitem, t.status, t.due_date::text AS due_date,
  t.created_at, t.description, t.form_id, cu.username AS created_by_name, xu.username AS closed_by_name, t.closed_at
  FROM tickets t JOIN ticket_typologies y ON y.id = t.typology_id
  LEFT JOIN users cu ON cu.id = t.created_by LEFT JOIN users xu ON xu.id = t.closed_by`;

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    customerCode: row.customer_code,
    typology: { asunto: row.asunto, item: row.item, subitem: row.subitem },
    status: row.status,
    dueDate: row.due_date,
    createdAt: row.created_at.toISOString(),
    description: row.description,
    formId: row.form_id,
    createdBy: row.created_by_name,
    closedBy: row.closed_by_name,
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

export function withOverdue(ticket: Ticket, today: string): Ticket & { overdue: boolean } {
  return { ...ticket, overdue: ticket.status === 'abierto' && isTicketOverdue(ticket, today) };
}

export async function findTypology(
  db: Queryable,
  typology: TicketTypology,
): Promise<{ id: number; resolutionDays: number } | null> {
  const { rows } = await db.query<{ id: number; resolution_days: number }>(
    'SELECT id, resolution_days FROM ticket_typologies WHERE asunto = $1 AND item = $2 AND subitem = $3',
    [typology.asunto, typology.item, typology.subitem],
  );
  return rows[0] ? { id: rows[0].id, resolutionDays: rows[0].resolution_days } : null;
}

export async function listTypologies(
  db: Queryable,
): Promise<Array<TicketTypology & { resolutionDays: number }>> {
  const { rows } = await db.query<{ asunto: string; item: string; subitem: string; resolution_days: number }>(
    'SELECT asunto, item, subitem, resolution_days FROM ticket_typologies ORDER BY id',
  );
  return rows.map((row) => ({
    asunto: row.asunto,
    item: row.item,
    subitem: row.subitem,
    resolutionDays: row.resolution_days,
  }));
}

export async function findOpenTicket(
  db: Queryable,
  customerCode: string,
  typology: TicketTypology,
): Promise<Ticket | null> {
  const { rows } = await db.query<TicketRow>(
    `${SELECT_TICKET} WHERE t.customer_code = $1 AND y.asunto = $2 AND y.item = $3 AND y.subitem = $4 AND t.status = 'abierto'`,
    [customerCode, typology.asunto, typology.item, typology.subitem],
  );
  return rows[0] ? toTicket(rows[0]) : null;
}

export async function getTicket(db: Queryable, id: string): Promise<Ticket | null> {
  const { rows } = await db.query<TicketRow>(`${SELECT_TICKET} WHERE t.id = $1`, [id]);
  return rows[0] ? toTicket(rows[0]) : null;
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

/**
 * Opens a ticket unless the customer already has an open one of that typology (the Z4 rule, also
 * enforced by a unique index so two agents at once still make one). Returns the ticket either way.
 */
export async function openTicket(
  db: Queryable,
  input: {
    customerCode: string;
    typology: TicketTypology;
    description: string;
    formId: string | null;
    userId: number;
    today: string;
  },
): Promise<{ ticket: Ticket; created: boolean }> {
  const typology = await findTypology(db, input.typology);
  if (!typology) {
    const t = input.typology;
    throw new TicketError(`La tipificación «${t.asunto} / ${t.item} / ${t.subitem}» no existe.`);
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tickets (customer_code, typology_id, due_date, description, form_id, created_by)
     VALUES ($1, $2, $3::date, $4, $5, $6)
     ON CONFLICT (customer_code, typology_id) WHERE status = 'abierto' DO NOTHING
     RETURNING id`,
    [
      input.customerCode,
      typology.id,
      addDays(input.today, typology.resolutionDays),
      input.description,
      input.formId,
      input.userId,
    ],
  );
  const created = rows.length > 0;
  if (created) await recordEvent(db, rows[0]!.id, 'abierto', input.userId);
  const ticket = created
    ? await getTicket(db, rows[0]!.id)
    : await findOpenTicket(db, input.customerCode, input.typology);
  if (!ticket) throw new Error('open ticket vanished');
  return { ticket, created };
}

/** Closes it (once: closing a closed ticket changes nothing), recording who did. */
export async function closeTicket(db: Queryable, id: string, actorId: number): Promise<Ticket | null> {
  const { rowCount } = await db.query(
    `UPDATE tickets SET status = 'cerrado', closed_at = now(), closed_by = $2 WHERE id = $1 AND status = 'abierto'`,
    [id, actorId],
  );
  if (rowCount > 0) await recordEvent(db, id, 'cerrado', actorId);
  return getTicket(db, id);
}
