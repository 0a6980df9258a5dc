import { useState } from 'react';
import type { Customer } from '../../../../shared/directory/customer';
import { leafPath, type TicketLeaf } from '../../../../shared/requirements/typology';
import type { OutboxEntry } from '../../../db/db';
import { findDuplicate, type CustomerTickets } from '../../tickets';
import { BlockForm } from '../BlockForm';
import { EarlierTicketPicker } from './EarlierTicketPicker';
import { ExistingTicket } from './ExistingTicket';
import { TicketsFreshness } from './TicketsFreshness';
import { TrasvasijeFlow } from './TrasvasijeFlow';

/**
 * A leaf that opens a ticket: first what stands in the way (an open ticket of that type, one in
 * the outbox), an insistence's earlier ticket, the trasvasije steps; then the leaf's form.
 */
export function TicketRequirement({
  leaf,
  customer,
  tickets,
  today,
  onQueued,
}: {
  leaf: TicketLeaf;
  customer: Customer;
  tickets: CustomerTickets;
  today: string;
  onQueued: (entry: OutboxEntry) => void;
}) {
  const [earlier, setEarlier] = useState<string | null>(null);
  const { insistence, walkthrough, form } = leaf.outcome;
  const list = tickets.tickets ?? [];
  const duplicate = findDuplicate(list, tickets.pending, customer.codigo, leaf.id, earlier);

  const ticketForm = (
    <BlockForm
      formId={form}
      customer={customer}
      blockCodes={[]}
      submitLabel="Crear ticket"
      requirement={{ typeId: leaf.id, ...(earlier ? { relatedTicketId: earlier } : {}) }}
      beforeSubmit={() => (insistence && !earlier ? 'Elija el ticket anterior del cliente.' : null)}
      onQueued={onQueued}
    />
  );

  return (
    <section className="ticket-req" aria-label={`Ticket postventa: ${leaf.label}`}>
      <p>
        <span className="tag tag--ticket">Ticket</span> <strong>{leafPath(leaf)}</strong>
      </p>
      {leaf.note && <p className="muted">{leaf.note}</p>}
      <TicketsFreshness tickets={tickets} />
      {tickets.tickets === undefined ? (
        <p role="status">Revisando los tickets del cliente…</p>
      ) : (
        <>
          {insistence && (
            <EarlierTicketPicker
              kind={insistence}
              customerCode={customer.codigo}
              tickets={list}
              today={today}
              selected={earlier}
              onSelect={setEarlier}
            />
          )}
          {duplicate.kind !== 'none' ? (
            <ExistingTicket duplicate={duplicate} today={today} />
          ) : insistence && !earlier ? null : walkthrough === 'trasvasije' ? (
            <TrasvasijeFlow
              leaf={leaf}
              customer={customer}
              tickets={list}
              otherwise={ticketForm}
              onQueued={onQueued}
            />
          ) : (
            <>
              <p className="muted">
                Al llegar a la central se abre el ticket, con su número y fecha de resolución.
              </p>
              {ticketForm}
            </>
          )}
        </>
      )}
    </section>
  );
}
