import { isTicketOverdue, type TicketSummary } from '../tickets/ticketHistory';
import { formatDay } from './dates';
import type { Insistence } from './typology';

export interface InsistenceContext {
  customerCode: string;
  /** Today where the contact centre is (YYYY-MM-DD). */
  today: string;
  /** The local day (YYYY-MM-DD) of an instant, in the contact centre's time zone. */
  localDay: (iso: string) => string;
}

type Earlier = Pick<TicketSummary, 'id' | 'customerCode' | 'status' | 'dueDate' | 'closedAt'>;

/**
 * Why that earlier ticket cannot carry this insistence (Spanish, for the agent), or null when it can:
 * - «Respuesta fuera de plazo»: still open past its due date, or answered after it;
 * - «Inconformidad en la respuesta»: it has been answered (closed).
 * Both hold for ever once true, so a form queued offline is judged the same when it arrives.
 */
export function insistenceProblem(kind: Insistence, earlier: Earlier, ctx: InsistenceContext): string | null {
  if (earlier.customerCode !== ctx.customerCode) return `El ticket ${earlier.id} es de otro cliente.`;
  const due = formatDay(earlier.dueDate);
  if (kind === 'fuera-de-plazo') {
    if (earlier.status === 'abierto') {
      return isTicketOverdue(earlier, ctx.today)
        ? null
        : `El ticket ${earlier.id} aún está en plazo (vence el ${due}): no corresponde «Respuesta fuera de plazo».`;
    }
    const answered = earlier.closedAt ? ctx.localDay(earlier.closedAt) : null;
    return answered !== null && answered > earlier.dueDate
      ? null
      : `El ticket ${earlier.id} se respondió dentro de plazo (vencía el ${due}): no corresponde «Respuesta fuera de plazo».`;
  }
  return earlier.status === 'cerrado'
    ? null
    : `El ticket ${earlier.id} aún no tiene respuesta: no corresponde «Inconformidad en la respuesta».`;
}

/** The customer's tickets an insistence of this kind may name, newest first. */
export function insistenceCandidates<T extends Earlier & Pick<TicketSummary, 'createdAt'>>(
  tickets: readonly T[],
  kind: Insistence,
  ctx: InsistenceContext,
): T[] {
  return tickets
    .filter((t) => insistenceProblem(kind, t, ctx) === null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
