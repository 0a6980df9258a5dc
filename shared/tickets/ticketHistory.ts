/**
 * Post-sale tickets (seed 001 typology) as the desk sees them. The Z4 rule of seed 000 and every
 * "already has an open ticket of this type" check read a customer's tickets: fetched from the back
 * office when a pop-up or card opens, and kept on the workstation for offline use.
 */
export interface TicketTypology {
  asunto: string;
  item: string;
  /** null when the item itself is the leaf. */
  subitem: string | null;
}

export type BalanceUnit = 'pesos' | 'litros';

/** What the back office answered when it resolved the ticket. */
export interface TicketResolution {
  answer: string;
  /** Where the customer sends their documents (seed 001, trasvasije step c). */
  replyMailbox: string | null;
  /** A balance in the customer's favour, and whether its return was approved. */
  balance: { amount: number; unit: BalanceUnit; approved: boolean } | null;
}

export interface TicketSummary {
  id: string;
  customerCode: string;
  /** The typology leaf (shared/requirements/typology.ts). */
  typeId: string;
  typology: TicketTypology;
  status: 'abierto' | 'cerrado';
  /** ISO date (YYYY-MM-DD) by which the ticket must be resolved. */
  dueDate: string;
  createdAt: string;
  closedAt: string | null;
  /** The earlier ticket an insistence ticket refers to. */
  relatedTicketId: string | null;
  resolution: TicketResolution | null;
}

/** Overdue when its resolution date is before today (local YYYY-MM-DD; the due day is still on time). */
export function isTicketOverdue(ticket: Pick<TicketSummary, 'dueDate'>, todayIso: string): boolean {
  return ticket.dueDate < todayIso;
}

/**
 * The customer's open ticket of that type, newest first: the one to show instead of a duplicate.
 * An insistence is a duplicate only of an insistence on the same earlier ticket.
 */
export function openTicketOfType<
  T extends Pick<TicketSummary, 'typeId' | 'status' | 'createdAt' | 'relatedTicketId'>,
>(tickets: readonly T[], typeId: string, relatedTicketId: string | null = null): T | null {
  const open = tickets
    .filter(
      (t) => t.status === 'abierto' && t.typeId === typeId && (t.relatedTicketId ?? null) === relatedTicketId,
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return open[0] ?? null;
}
