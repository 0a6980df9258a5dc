// A customer's post-sale tickets: fetched from the back office, cached for offline use, and the
// duplicate check every new ticket goes through.
import type { TicketCache } from './ticketCache';

export { TicketCache } from './ticketCache';
export { backOfficeTicketFetcher } from './ticketFetcher';
export { findDuplicate, type DuplicateCheck } from './duplicates';
export { refreshCustomerTickets } from './refreshTickets';
export { default as ticketsReducer } from './ticketsSlice';
export { useCustomerTickets, type CustomerTickets } from './useCustomerTickets';
export { TicketFacts } from './TicketFacts';

/** What the store's middleware needs (the cache the card and pop-up fetch into). */
export interface TicketsExtra {
  tickets: TicketCache;
}
