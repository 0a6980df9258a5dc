import type { CustomerTickets } from '../../tickets';

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('es-CL', { dateStyle: 'short', timeStyle: 'short' });
}

/** Where the customer's tickets on screen come from: the central just now, or this workstation's copy. */
export function TicketsFreshness({ tickets }: { tickets: CustomerTickets }) {
  const { refreshing, problem, lastFetch } = tickets;
  let text: string;
  if (refreshing) text = 'Consultando los tickets del cliente en la central…';
  else if (problem)
    text = `Tickets según la copia de este equipo${lastFetch ? ` del ${formatTime(lastFetch.fetchedAt)}` : ''}: la central no respondió (${problem.replace(/\.$/, '')}). Al llegar, la central no duplica un ticket abierto.`;
  else if (lastFetch) text = `Tickets del cliente según la central (${formatTime(lastFetch.fetchedAt)})`;
  else text = 'Tickets del cliente según la copia de este equipo.';
  return (
    <p className={`tickets-freshness ${problem ? 'tickets-freshness--stale' : 'muted'}`} role="status">
      {text}{' '}
      {!refreshing && (
        <button type="button" className="link" onClick={tickets.refresh}>
          Actualizar
        </button>
      )}
    </p>
  );
}
