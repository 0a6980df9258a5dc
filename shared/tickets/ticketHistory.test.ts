import { describe, expect, it } from 'vitest';
import { BLOCK_PROBLEM_TYPOLOGY, isTicketOverdue, sameTypology } from './ticketHistory';

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

describe('BLOCK_PROBLEM_TYPOLOGY', () => {
  it('is the «Problema de bloqueo» typology the Z4 procedure names', () => {
    expect(BLOCK_PROBLEM_TYPOLOGY.item).toBe('Problema de bloqueo');
    expect(sameTypology(BLOCK_PROBLEM_TYPOLOGY, { ...BLOCK_PROBLEM_TYPOLOGY })).toBe(true);
    expect(sameTypology(BLOCK_PROBLEM_TYPOLOGY, { ...BLOCK_PROBLEM_TYPOLOGY, subitem: 'Otro' })).toBe(false);
  });
});
