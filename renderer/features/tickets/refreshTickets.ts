import type { Dispatch } from '@reduxjs/toolkit';
import { explainFailure, type FailureLog } from '../../platform';
import type { TicketCache } from './ticketCache';
import { ticketsRefreshFinished, ticketsRefreshStarted } from './ticketsSlice';

/**
 * Fetches a customer's tickets into the cache, with its progress and failure in the store: a
 * Spanish sentence for the agent, the raw error (a storage failure) for the operator's log.
 */
export async function refreshCustomerTickets(
  cache: TicketCache,
  dispatch: Dispatch,
  customerCode: string,
  log: FailureLog,
): Promise<void> {
  dispatch(ticketsRefreshStarted(customerCode));
  let problem: string | null = null;
  try {
    const outcome = await cache.refresh(customerCode);
    if (!outcome.fresh) problem = outcome.message;
  } catch (error) {
    problem = `No se pudieron guardar los tickets en este equipo: ${explainFailure(
      log,
      'ticket cache not written',
      error,
      'el almacenamiento local no respondió.',
    )}`;
  }
  dispatch(ticketsRefreshFinished({ customerCode, problem }));
}
