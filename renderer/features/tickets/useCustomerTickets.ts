import { useLiveQuery } from 'dexie-react-hooks';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { db, type OutboxEntry, type TicketFetch } from '../../db/db';
import { refreshCustomerTickets } from './refreshTickets';
import { ticketCache } from './ticketService';
import { ticketTypeOf } from './duplicates';

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
  const tickets = useLiveQuery(() => ticketCache.forCustomer(customerCode), [customerCode]);
  const lastFetch = useLiveQuery(() => ticketCache.lastFetch(customerCode), [customerCode]);
  const pending =
    useLiveQuery(
      () =>
        db.outbox
          .where('status')
          .equals('pendiente')
          .filter((e) => e.submission.customerCode === customerCode && ticketTypeOf(e.submission) !== null)
          .toArray(),
      [customerCode],
    ) ?? [];
  return {
    tickets,
    pending,
    lastFetch,
    refreshing: state?.refreshing ?? false,
    problem: state?.problem ?? null,
    refresh: () => void refreshCustomerTickets(ticketCache, dispatch, customerCode),
  };
}
