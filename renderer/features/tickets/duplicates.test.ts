import { describe, expect, it } from 'vitest';
import type { FormSubmission } from '../../../shared/forms/submission';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { findDuplicate, withAnsweredTickets } from './duplicates';

const FDN = 'servicio.problema-bloqueo.fuera-de-norma';
const open = (id: string, typeId = FDN, relatedTicketId: string | null = null): TicketSummary => ({
  id,
  customerCode: '1',
  typeId,
  typology: { asunto: 'Servicio', item: 'x', subitem: null },
  status: 'abierto',
  dueDate: '2026-12-03',
  createdAt: '2026-11-26T15:00:00.000Z',
  closedAt: null,
  relatedTicketId,
  resolution: null,
});
const queued = (submission: Partial<FormSubmission>) => ({
  id: 'q1',
  createdAt: '2026-11-26T16:00:00.000Z',
  submission: { customerCode: '1', formId: 'postventa', ...submission } as FormSubmission,
});

describe('findDuplicate', () => {
  it('an open ticket of the type stands in the way; a closed one or another type does not', () => {
    expect(findDuplicate([open('PV-1')], [], '1', FDN)).toMatchObject({
      kind: 'open-ticket',
      ticket: { id: 'PV-1' },
    });
    expect(findDuplicate([{ ...open('PV-1'), status: 'cerrado' }], [], '1', FDN)).toEqual({ kind: 'none' });
    expect(findDuplicate([open('PV-1', 'pagos.relativos-pago.debe-vuelto')], [], '1', FDN)).toEqual({
      kind: 'none',
    });
    expect(findDuplicate([{ ...open('PV-1'), customerCode: '2' }], [], '1', FDN)).toEqual({ kind: 'none' });
  });

  it('so does a form of that type still waiting in the outbox (the Z4 form counts as «Fuera de norma»)', () => {
    expect(findDuplicate([], [queued({ formId: 'ticketBloqueo' })], '1', FDN)).toEqual({
      kind: 'queued',
      entry: { id: 'q1', createdAt: '2026-11-26T16:00:00.000Z' },
    });
    expect(findDuplicate([], [queued({ requirement: { typeId: FDN } })], '1', FDN).kind).toBe('queued');
    expect(findDuplicate([], [queued({ formId: 'telecobranzas' })], '1', FDN).kind).toBe('none');
  });

  it('an insistence is a duplicate only on the same earlier ticket', () => {
    const typeId = 'servicio.no-conforme.fuera-de-plazo';
    expect(findDuplicate([open('I1', typeId, 'PV-1')], [], '1', typeId, 'PV-1').kind).toBe('open-ticket');
    expect(findDuplicate([open('I1', typeId, 'PV-1')], [], '1', typeId, 'PV-2').kind).toBe('none');
    expect(
      findDuplicate([], [queued({ requirement: { typeId, relatedTicketId: 'PV-2' } })], '1', typeId, 'PV-2')
        .kind,
    ).toBe('queued');
  });
});

describe('withAnsweredTickets', () => {
  const sent = (over: Record<string, unknown> = {}) => ({
    id: 'f1',
    createdAt: '2026-11-26T16:00:00.000Z',
    sentAt: '2026-11-26T16:05:00.000Z',
    submission: { customerCode: '1', formId: 'ticketBloqueo' } as FormSubmission,
    ticket: {
      id: 'PV-9',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      dueDate: '2026-12-03',
      status: 'abierto' as const,
    },
    ...over,
  });

  it('a ticket the back office answered for a form counts before the next fetch', () => {
    const tickets = withAnsweredTickets([], [sent()], '1', '2026-11-26T15:00:00.000Z');
    expect(findDuplicate(tickets, [], '1', FDN)).toMatchObject({
      kind: 'open-ticket',
      ticket: { id: 'PV-9' },
    });
  });

  it('a fetch made after the form was sent, or the cached row, is the truth about it', () => {
    expect(withAnsweredTickets([], [sent()], '1', '2026-11-26T16:10:00.000Z')).toEqual([]);
    const closed = { ...open('PV-9'), status: 'cerrado' as const };
    expect(withAnsweredTickets([closed], [sent()], '1', null)).toEqual([closed]);
    expect(withAnsweredTickets([], [sent({ ticket: null })], '1', null)).toEqual([]);
  });
});
