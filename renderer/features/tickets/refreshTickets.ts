import type { Dispatch } from '@reduxjs/toolkit';
import type { TicketCache } from './ticketCache';
import { ticketsRefreshFinished, ticketsRefreshStarted } from './ticketsSlice';

/** Fetches a customer's tickets into the cache, with its progress and failure in the store. */
export async function refreshCustomerTickets(
  cache: TicketCache,
  dispatch: Dispatch,
  customerCode: string,
): Promise<void> {
  dispatch(ticketsRefreshStarted(customerCode));
  let problem: string | null = null;
  try {
    const outcome = await cache.refresh(customerCode);
    if (!outcome.fresh) problem = outcome.message;
  } catch (error) {
    problem = `No se pudieron guardar los tickets en este equipo (${error instanceof Error ? error.message : String(error)}).`;
  }
  dispatch(ticketsRefreshFinished({ customerCode, problem }));
}
