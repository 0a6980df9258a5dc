import { sameTypology, type TicketHistorySource } from '../../../shared/tickets/ticketHistory';
import type { CompanionDb } from '../../db/db';

/** Ticket history from this workstation's copy (the back office fills it; demo mode ships a sample). */
export function localTicketHistory(db: CompanionDb): TicketHistorySource {
  return {
    async findOpenTicket(customerCode, typology) {
      const tickets = await db.tickets.where('customerCode').equals(customerCode).toArray();
      const open = tickets
        .filter((t) => t.status === 'abierto' && sameTypology(t.typology, typology))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return open[0] ?? null;
    },
  };
}
