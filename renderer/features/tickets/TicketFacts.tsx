import { formatDay } from '../../../shared/requirements/dates';
import { leafById } from '../../../shared/requirements/typology';
import { isTicketOverdue, type TicketSummary } from '../../../shared/tickets/ticketHistory';

/** "abierto", "abierto, vencido", "cerrado": what the agent reads about a ticket's state. */
function ticketStatusText(ticket: TicketSummary, today: string): string {
  if (ticket.status === 'cerrado') return 'cerrado';
  return isTicketOverdue(ticket, today) ? 'abierto, vencido' : 'abierto';
}

/** Number, type, state and due date of a ticket, in one line. */
export function TicketFacts({ ticket, today }: { ticket: TicketSummary; today: string }) {
  const label = leafById(ticket.typeId)?.label ?? ticket.typology.subitem ?? ticket.typology.item;
  const overdue = ticket.status === 'abierto' && isTicketOverdue(ticket, today);
  return (
    <span className="ticket-facts">
      <strong>N.º {ticket.id}</strong> · {label} · {ticketStatusText(ticket, today)} · fecha de resolución{' '}
      <strong className={overdue ? 'error' : undefined}>{formatDay(ticket.dueDate)}</strong>
    </span>
  );
}
