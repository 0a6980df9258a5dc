import { useId } from 'react';
import { insistenceCandidates } from '../../../../shared/requirements/insistence';
import type { Insistence } from '../../../../shared/requirements/typology';
import type { TicketSummary } from '../../../../shared/tickets/ticketHistory';
import { dayOf } from '../../../../shared/calendar';
import { TicketFacts } from '../../tickets';

const WHICH: Record<Insistence, string> = {
  'fuera-de-plazo': 'tickets abiertos con la fecha de resolución vencida, o respondidos después de ella',
  inconformidad: 'tickets ya respondidos',
};

/** An insistence names the customer's earlier ticket: only the ones that qualify are offered. */
export function EarlierTicketPicker({
  kind,
  customerCode,
  tickets,
  today,
  selected,
  onSelect,
}: {
  kind: Insistence;
  customerCode: string;
  tickets: readonly TicketSummary[];
  today: string;
  selected: string | null;
  onSelect: (ticketId: string) => void;
}) {
  const name = useId();
  const candidates = insistenceCandidates(tickets, kind, {
    customerCode,
    today,
    localDay: (iso) => dayOf(new Date(iso), 'America/Santiago'),
  });
  if (candidates.length === 0) {
    return (
      <p className="notice notice--blocked" role="note">
        El cliente no tiene {WHICH[kind]}: no corresponde esta insistencia. Revise la tipificación (¿es un
        requerimiento nuevo?).
      </p>
    );
  }
  return (
    <fieldset className="earlier">
      <legend>Ticket anterior sobre el que insiste el cliente ({WHICH[kind]})</legend>
      {candidates.map((ticket) => (
        <label key={ticket.id} className="earlier__option">
          <input
            type="radio"
            name={name}
            value={ticket.id}
            checked={selected === ticket.id}
            onChange={() => onSelect(ticket.id)}
          />
          <TicketFacts ticket={ticket} today={today} />
        </label>
      ))}
    </fieldset>
  );
}
