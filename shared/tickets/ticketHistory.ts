/**
 * Post-sale tickets (seed 001 typology). The Z4 rule needs "does this customer already have an open
 * ticket of this type?"; the back office answers it (server issue), a local source answers offline.
 */
export interface TicketTypology {
  asunto: string;
  item: string;
  subitem: string;
}

export const BLOCK_PROBLEM_TYPOLOGY: TicketTypology = {
  asunto: 'Servicio',
  item: 'Problema de bloqueo',
  subitem: 'Fuera de norma',
};

export interface TicketSummary {
  id: string;
  customerCode: string;
  typology: TicketTypology;
  status: 'abierto' | 'cerrado';
  /** ISO date (YYYY-MM-DD) by which the ticket must be resolved. */
  dueDate: string;
  createdAt: string;
}

export interface TicketHistorySource {
  findOpenTicket(customerCode: string, typology: TicketTypology): Promise<TicketSummary | null>;
}

/** Overdue when its resolution date is before today (local YYYY-MM-DD; the due day is still on time). */
export function isTicketOverdue(ticket: Pick<TicketSummary, 'dueDate'>, todayIso: string): boolean {
  return ticket.dueDate < todayIso;
}

export function sameTypology(a: TicketTypology, b: TicketTypology): boolean {
  return a.asunto === b.asunto && a.item === b.item && a.subitem === b.subitem;
}
