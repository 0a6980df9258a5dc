import { formatDay } from '../../../shared/requirements/dates';
import type { OutboxTicket } from '../../db/db';

/**
 * How the forms list names a form's ticket, "Ticket PV-0000123, vence 12-12-2026", in parts the
 * list keeps each on one line; `joined` says the form joined a ticket that was already open.
 */
export function ticketParts(ticket: OutboxTicket): { id: string; joined: string; when: string } {
  return {
    id: ticket.id,
    joined: ticket.created ? '' : ' (ya estaba abierto)',
    when: ticket.status === 'cerrado' ? 'cerrado' : `vence ${formatDay(ticket.dueDate)}`,
  };
}
