import { describe, expect, it } from 'vitest';
import type { FormSubmission } from '../../../shared/forms/submission';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { findDuplicate } from './duplicates';

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
