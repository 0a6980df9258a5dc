import type { FormId } from '../forms/fields';
import type { TicketSummary } from '../tickets/ticketHistory';
import { insistenceProblem, type InsistenceContext } from './insistence';
import type { Requirement } from './requirement';
import { backsTrasvasije } from './trasvasije';
import { leafById } from './typology';

/**
 * Whether the earlier ticket a requirement names may carry it (Spanish reason, or null): an
 * insistence's earlier ticket qualifies for that insistence; a trasvasije record's backing ticket is
 * the customer's, answered with an approved balance, and the mailbox given is the answer's.
 * `related` is undefined when no such ticket exists.
 */
export function relatedTicketProblem(
  formId: FormId,
  requirement: Requirement,
  related: TicketSummary | undefined,
  ctx: InsistenceContext,
): string | null {
  const id = requirement.relatedTicketId;
  if (!id) return null;
  if (!related) return `No existe el ticket ${id}.`;
  const leaf = leafById(requirement.typeId);
  if (!leaf || leaf.outcome.kind !== 'ticket') return null; // the envelope's own check refuses it
  if (formId === 'trasvasije') {
    if (related.customerCode !== ctx.customerCode) return `El ticket ${id} es de otro cliente.`;
    if (!backsTrasvasije(related))
      return `El ticket ${id} no tiene una respuesta con saldo a favor aprobado: corresponde un ticket postventa.`;
    const given = requirement.walkthrough?.mailboxGiven.toLowerCase();
    if (given !== related.resolution?.replyMailbox?.toLowerCase())
      return `El correo indicado al cliente no es el de la respuesta del ticket ${id}.`;
    return null;
  }
  if (leaf.outcome.insistence) return insistenceProblem(leaf.outcome.insistence, related, ctx);
  return null;
}
