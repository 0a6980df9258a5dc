import type { ApiResult, CustomerTicketsAnswer } from '../../backoffice/client';
import type { TicketFetcher } from './ticketCache';

/** The back office's GET /customers/:code/tickets, with the signed-in session's token (none: the cache stays). */
export function backOfficeTicketFetcher(deps: {
  credentials: () => Promise<{ serverUrl: string; token: string } | null>;
  customerTickets: (
    serverUrl: string,
    token: string,
    customerCode: string,
  ) => Promise<ApiResult<CustomerTicketsAnswer>>;
}): TicketFetcher {
  return async (customerCode) => {
    const credentials = await deps.credentials();
    if (!credentials) return { ok: false, message: 'Sin sesión en la central.' };
    const answer = await deps.customerTickets(credentials.serverUrl, credentials.token, customerCode);
    return answer.ok
      ? { ok: true, tickets: answer.value.tickets, today: answer.value.today }
      : { ok: false, message: answer.failure.message };
  };
}
