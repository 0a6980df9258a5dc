// A customer's post-sale tickets: fetched from the back office, cached for offline use, and the
// duplicate check every new ticket goes through.
export { TicketCache, type RefreshOutcome, type TicketFetcher, type TicketFetchResult } from './ticketCache';
export { findDuplicate, ticketTypeOf, type DuplicateCheck } from './duplicates';
export { ticketCache } from './ticketService';
export { useCustomerTickets, type CustomerTickets } from './useCustomerTickets';
export { TicketFacts, ticketStatusText } from './TicketFacts';
