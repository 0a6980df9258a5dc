import type { TicketSummary } from '../tickets/ticketHistory';

/**
 * Seed 001, "Devolución por trasvasije de gas". First check whether the customer has a resolved
 * ticket with a balance in their favour (pesos or litres) whose return was approved; with it the
 * agent walks steps a–d (recorded); without it, a post-sale ticket.
 */
export const TRASVASIJE_CHECK =
  'La primera gestión es ver si el cliente tiene ticket con resolución con saldo a favor en pesos o litros, y el correo con la aprobación de la devolución de gas.';

export const TRASVASIJE_OTHERWISE =
  'Si el cliente NO tiene requerimiento autorizando el trasvasije, se debe realizar un ticket postventa.';

export type TrasvasijeStepId = 'a' | 'b' | 'c' | 'd';

export interface TrasvasijeStep {
  id: TrasvasijeStepId;
  text: string;
}

export const TRASVASIJE_STEPS: readonly TrasvasijeStep[] = [
  { id: 'a', text: 'Tome el pedido en STP y dé el número de pedido al cliente.' },
  { id: 'b', text: 'Dé al cliente el número del requerimiento con saldo a favor.' },
  {
    id: 'c',
    text: 'Indique que envíe el número de pedido y el del requerimiento al correo que se indica en la respuesta. NO DÉ EL CORREO SI NO HAY TICKET CON RESPUESTA.',
  },
  {
    id: 'd',
    text: 'Indique que si no hace el paso anterior no se llevará a cabo la devolución del saldo a favor.',
  },
];

export const TRASVASIJE_STEP_IDS: readonly TrasvasijeStepId[] = TRASVASIJE_STEPS.map((s) => s.id);

type Backing = Pick<TicketSummary, 'status' | 'resolution'>;

/**
 * A ticket that backs a return: answered, with a positive balance whose return was approved, and
 * the mailbox of the answer (step c gives it, and only then).
 */
export function backsTrasvasije(ticket: Backing): boolean {
  const resolution = ticket.resolution;
  return (
    ticket.status === 'cerrado' &&
    resolution !== null &&
    resolution.answer.trim() !== '' &&
    resolution.replyMailbox !== null &&
    resolution.balance !== null &&
    resolution.balance.amount > 0 &&
    resolution.balance.approved
  );
}

export function trasvasijeBackingTickets<T extends Backing & Pick<TicketSummary, 'createdAt'>>(
  tickets: readonly T[],
): T[] {
  return tickets.filter(backsTrasvasije).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** "12.500 pesos" / "350 litros" */
export function formatBalance(balance: NonNullable<TicketSummary['resolution']>['balance']): string {
  if (!balance) return '';
  return `${balance.amount.toLocaleString('es-CL')} ${balance.unit}`;
}
