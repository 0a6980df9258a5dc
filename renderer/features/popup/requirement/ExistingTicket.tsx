import type { TicketSummary } from '../../../../shared/tickets/ticketHistory';
import { isTicketOverdue } from '../../../../shared/tickets/ticketHistory';
import { TicketFacts, type DuplicateCheck } from '../../tickets';

/** Instead of a duplicate: the ticket the customer already has (or the one waiting in the outbox). */
export function ExistingTicket({
  duplicate,
  today,
}: {
  duplicate: Exclude<DuplicateCheck, { kind: 'none' }>;
  today: string;
}) {
  if (duplicate.kind === 'queued') {
    const at = new Date(duplicate.entry.createdAt).toLocaleString('es-CL', {
      dateStyle: 'short',
      timeStyle: 'short',
    });
    return (
      <section className="ticket" aria-label="Ticket existente">
        <p>
          Ya hay un requerimiento de este tipo para el cliente esperando en este equipo (guardado el {at},
          estado «pendiente»): <strong>no cree otro</strong>. Su número y fecha de resolución aparecerán en
          «Formularios» cuando llegue a la central.
        </p>
      </section>
    );
  }
  const ticket: TicketSummary = duplicate.ticket;
  const overdue = isTicketOverdue(ticket, today);
  return (
    <section className={`ticket ${overdue ? 'ticket--overdue' : ''}`} aria-label="Ticket existente">
      <p>
        El cliente ya tiene este ticket abierto: <TicketFacts ticket={ticket} today={today} />.
      </p>
      <p>
        <strong>No cree un ticket nuevo.</strong>{' '}
        {overdue
          ? 'La fecha de resolución está vencida y no tiene respuesta: escale con el supervisor, o ingrese «Respuesta fuera de plazo» sobre este ticket.'
          : 'Informe la fecha de resolución al cliente e indíquele que debe esperar.'}
      </p>
    </section>
  );
}
