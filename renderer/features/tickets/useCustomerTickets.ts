import { useLiveQuery } from 'dexie-react-hooks';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { db, type OutboxEntry, type TicketFetch } from '../../db/db';
import { refreshCustomerTickets } from './refreshTickets';
import { ticketCache } from './ticketService';
import { ticketTypeOf, withAnsweredTickets } from './duplicates';
import type { SyncedOutboxEntry } from '../outbox/outboxRepo';

export interface CustomerTickets {
  /** undefined while IndexedDB answers. */
  tickets: TicketSummary[] | undefined;
  /** Ticket forms of this customer still waiting in the outbox. */
  pending: OutboxEntry[];
  lastFetch: TicketFetch | undefined;
  refreshing: boolean;
  /** Why the last fetch failed (the cached copy is what shows). */
  problem: string | null;
  refresh(): void;
}

/** A customer's cached tickets, live, with the fetch state. */
export function useCustomerTickets(customerCode: string): CustomerTickets {
  const dispatch = useAppDispatch();
  const state = useAppSelector((s) => s.tickets.byCustomer[customerCode]);
  const cached = useLiveQuery(() => ticketCache.forCustomer(customerCode), [customerCode]);
  const lastFetch = useLiveQuery(() => ticketCache.lastFetch(customerCode), [customerCode]);
  // This customer's ticket forms on this workstation: waiting, or answered with their ticket.
  const forms = useLiveQuery(
    () =>
      db.outbox
        .where('submission.customerCode')
        .equals(customerCode)
        .filter((e) => ticketTypeOf(e.submission) !== null)
        .toArray() as Promise<SyncedOutboxEntry[]>,
    [customerCode],
  );
  const pending = (forms ?? []).filter((e) => e.status === 'pendiente');
  const tickets =
    cached === undefined
      ? undefined
      : withAnsweredTickets(
          cached,
          (forms ?? []).filter((e) => e.status === 'enviado'),
          customerCode,
          lastFetch?.fetchedAt ?? null,
        );
  return {
    tickets,
    pending,
    lastFetch,
    refreshing: state?.refreshing ?? false,
    problem: state?.problem ?? null,
    refresh: () => void refreshCustomerTickets(ticketCache, dispatch, customerCode),
  };
}
