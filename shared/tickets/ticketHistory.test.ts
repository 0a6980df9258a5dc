import { describe, expect, it } from 'vitest';
import { isTicketOverdue, openTicketOfType } from './ticketHistory';

describe('isTicketOverdue', () => {
  const today = '2026-11-26';

  it('is overdue once the resolution date has passed', () => {
    expect(isTicketOverdue({ dueDate: '2020-01-15' }, today)).toBe(true);
    expect(isTicketOverdue({ dueDate: '2026-11-25' }, today)).toBe(true);
  });

  it('is still on time on the due day and before it', () => {
    expect(isTicketOverdue({ dueDate: '2026-11-26' }, today)).toBe(false);
    expect(isTicketOverdue({ dueDate: '2026-11-27' }, today)).toBe(false);
    expect(isTicketOverdue({ dueDate: '2099-12-31' }, today)).toBe(false);
  });

  it('compares across month and year boundaries', () => {
    expect(isTicketOverdue({ dueDate: '2026-12-31' }, '2027-01-01')).toBe(true);
    expect(isTicketOverdue({ dueDate: '2026-10-31' }, '2026-11-01')).toBe(true);
  });
});

describe('openTicketOfType', () => {
  const t = (id: string, over: Record<string, unknown> = {}) => ({
    id,
    typeId: 'servicio.problema-bloqueo.fuera-de-norma',
    status: 'abierto' as 'abierto' | 'cerrado',
    createdAt: '2026-11-01T12:00:00Z',
    relatedTicketId: null as string | null,
    ...over,
  });

  it('finds the newest open ticket of that type, ignoring closed ones and other types', () => {
    const tickets = [
      t('old', { createdAt: '2026-10-01T12:00:00Z' }),
      t('closed', { status: 'cerrado', createdAt: '2026-11-20T12:00:00Z' }),
      t('other', { typeId: 'pagos.relativos-pago.debe-vuelto', createdAt: '2026-11-21T12:00:00Z' }),
      t('new'),
    ];
    expect(openTicketOfType(tickets, 'servicio.problema-bloqueo.fuera-de-norma')?.id).toBe('new');
    expect(openTicketOfType(tickets, 'postventa.fuga.exterior')).toBeNull();
  });

  it('an insistence duplicates only an insistence on the same earlier ticket', () => {
    const typeId = 'servicio.no-conforme.fuera-de-plazo';
    const tickets = [t('I1', { typeId, relatedTicketId: 'PV-1' })];
    expect(openTicketOfType(tickets, typeId, 'PV-1')?.id).toBe('I1');
    expect(openTicketOfType(tickets, typeId, 'PV-2')).toBeNull();
  });
});
