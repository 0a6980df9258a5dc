import { useLiveQuery } from 'dexie-react-hooks';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import type { OutboxEntry, TicketFetch } from '../../db/db';
import { ticketTypeOf, withAnsweredTickets } from './duplicates';
import { refreshCustomerTickets } from './refreshTickets';

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

/** A customer's cached tickets, live, with the ones this workstation's forms were answered with. */
export function useCustomerTickets(customerCode: string): CustomerTickets {
  const dispatch = useAppDispatch();
  const { tickets: cache, outbox, platform } = useServices();
  const state = useAppSelector((s) => s.tickets.byCustomer[customerCode]);
  const cached = useLiveQuery(() => cache.forCustomer(customerCode), [cache, customerCode]);
  const lastFetch = useLiveQuery(() => cache.lastFetch(customerCode), [cache, customerCode]);
  const forms = useLiveQuery(
    async () =>
      (await outbox.formsOfCustomer(customerCode)).filter((e) => ticketTypeOf(e.submission) !== null),
    [outbox, customerCode],
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
    refresh: () => void refreshCustomerTickets(cache, dispatch, customerCode, platform.log),
  };
}
