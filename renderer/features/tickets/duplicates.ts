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

interface SentEntry {
  id: string;
  createdAt: string;
  submission: FormSubmission;
  sentAt?: string | null;
  ticket: {
    id: string;
    typology: TicketSummary['typology'];
    dueDate: string;
    status: TicketSummary['status'];
  } | null;
}

/**
 * The cached tickets, plus the ones the back office answered for this workstation's forms since the
 * last fetch (the answer came with the form's verdict): known at once, before the next fetch. A
 * fetch made after the form was sent is the truth about it (e.g. closed meanwhile).
 */
export function withAnsweredTickets(
  cached: readonly TicketSummary[],
  sent: readonly SentEntry[],
  customerCode: string,
  lastFetchedAt: string | null,
): TicketSummary[] {
  const known = new Set(cached.map((t) => t.id));
  const answered: TicketSummary[] = [];
  for (const entry of sent) {
    const { ticket, submission } = entry;
    const typeId = ticketTypeOf(submission);
    if (!ticket || !typeId || submission.customerCode !== customerCode || known.has(ticket.id)) continue;
    if (lastFetchedAt && entry.sentAt && lastFetchedAt >= entry.sentAt) continue;
    known.add(ticket.id);
    answered.push({
      id: ticket.id,
      customerCode,
      typeId,
      typology: ticket.typology,
      status: ticket.status,
      dueDate: ticket.dueDate,
      createdAt: entry.sentAt ?? entry.createdAt,
      closedAt: null,
      relatedTicketId: submission.requirement?.relatedTicketId ?? null,
      resolution: null,
    });
  }
  return [...cached, ...answered].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
