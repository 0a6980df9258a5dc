import { createListenerMiddleware, isAnyOf } from '@reduxjs/toolkit';
import { callPopped, customerShown, openCustomer } from '../features/popup';
import type { FailureLog } from '../platform';
import { refreshCustomerTickets, type TicketCache } from '../features/tickets';

/**
 * Whenever a customer's card or pop-up opens (searched, picked, or popped by a call), their tickets
 * are fetched into the cache: the Z4 check and "Nuevo requerimiento" then read the back office's
 * tickets, or the last copy when it cannot be reached.
 */
export function ticketRefreshListener(cache: TicketCache, log: FailureLog) {
  const listener = createListenerMiddleware();
  listener.startListening({
    matcher: isAnyOf(openCustomer.fulfilled, customerShown, callPopped),
    effect: async (action, api) => {
      const code = openCustomer.fulfilled.match(action)
        ? action.payload.codigo
        : customerShown.match(action)
          ? action.payload.codigo
          : callPopped.match(action) && action.payload.matches.length === 1
            ? action.payload.matches[0]!.codigo
            : null;
      if (code) await refreshCustomerTickets(cache, api.dispatch, code, log);
    },
  });
  return listener.middleware;
}
