import { BLOCK_PROBLEM_LEAF_ID } from '../../../shared/requirements/typology';
import { openTicketOfType, type TicketSummary } from '../../../shared/tickets/ticketHistory';
import type { FormSubmission } from '../../../shared/forms/submission';

/** What stands in the way of a new ticket of a type for a customer. */
export type DuplicateCheck =
  | { kind: 'none' }
  /** The back office has an open one: give its number and due date instead. */
  | { kind: 'open-ticket'; ticket: TicketSummary }
  /** This workstation already queued one that has not reached the back office yet. */
  | { kind: 'queued'; entry: { id: string; createdAt: string } };

/** The ticket type a queued form asks for (the Z4 pop-up's form is «Fuera de norma»). */
export function ticketTypeOf(submission: FormSubmission): string | null {
  if (submission.formId === 'ticketBloqueo') return BLOCK_PROBLEM_LEAF_ID;
  if (submission.formId === 'postventa' || submission.formId === 'postventaMotivo')
    return submission.requirement?.typeId ?? null;
  return null;
}

/**
 * The Z4 rule of seed 000 for every ticket type: an open ticket of that type (for an insistence,
 * on the same earlier ticket) or one still waiting in the outbox means no new ticket.
 */
export function findDuplicate(
  tickets: readonly TicketSummary[],
  pending: ReadonlyArray<{ id: string; createdAt: string; submission: FormSubmission }>,
  customerCode: string,
  typeId: string,
  relatedTicketId: string | null = null,
): DuplicateCheck {
  const open = openTicketOfType(
    tickets.filter((t) => t.customerCode === customerCode),
    typeId,
    relatedTicketId,
  );
  if (open) return { kind: 'open-ticket', ticket: open };
  const queued = pending.find(
    (entry) =>
      entry.submission.customerCode === customerCode &&
      ticketTypeOf(entry.submission) === typeId &&
      (entry.submission.requirement?.relatedTicketId ?? null) === relatedTicketId,
  );
  return queued
    ? { kind: 'queued', entry: { id: queued.id, createdAt: queued.createdAt } }
    : { kind: 'none' };
}
