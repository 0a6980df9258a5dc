import { openTicketOfType, type TicketSummary } from '../../../shared/tickets/ticketHistory';
import { db } from '../../db/db';

/** Ticket history from this workstation's copy (the back office fills it; the demo ships a sample). */
export const localTicketHistory = {
  async findOpenTicket(customerCode: string, typeId: string): Promise<TicketSummary | null> {
    const tickets = await db.tickets.where('customerCode').equals(customerCode).toArray();
    return openTicketOfType(tickets, typeId);
  },
};
