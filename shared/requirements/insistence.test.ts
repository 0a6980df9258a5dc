import { describe, expect, it } from 'vitest';
import { insistenceCandidates, insistenceProblem, type InsistenceContext } from './insistence';

const ctx: InsistenceContext = {
  customerCode: '90000003',
  today: '2026-11-26',
  // Santiago is UTC-3 in November.
  localDay: (iso) => new Date(new Date(iso).getTime() - 3 * 3600_000).toISOString().slice(0, 10),
};

const ticket = (over: Partial<Parameters<typeof insistenceProblem>[1]> & { createdAt?: string }) => ({
  id: 'PV-0000001',
  customerCode: '90000003',
  status: 'abierto' as const,
  dueDate: '2026-11-20',
  closedAt: null,
  createdAt: '2026-11-13T12:00:00Z',
  ...over,
});

describe('insistence on an earlier ticket', () => {
  it('«Respuesta fuera de plazo»: an open ticket past its due date', () => {
    expect(insistenceProblem('fuera-de-plazo', ticket({}), ctx)).toBeNull();
    expect(insistenceProblem('fuera-de-plazo', ticket({ dueDate: '2026-11-26' }), ctx)).toBe(
      'El ticket PV-0000001 aún está en plazo (vence el 26-11-2026): no corresponde «Respuesta fuera de plazo».',
    );
  });

  it('«Respuesta fuera de plazo»: a ticket answered after its due date, in Chile’s days', () => {
    const late = ticket({ status: 'cerrado', closedAt: '2026-11-21T12:00:00Z' });
    expect(insistenceProblem('fuera-de-plazo', late, ctx)).toBeNull();
    // 01:30 UTC on the 21st is still the 20th in Santiago: answered on the due day.
    const onTime = ticket({ status: 'cerrado', closedAt: '2026-11-21T01:30:00Z' });
    expect(insistenceProblem('fuera-de-plazo', onTime, ctx)).toMatch(/se respondió dentro de plazo/);
  });

  it('«Inconformidad en la respuesta»: only an answered ticket', () => {
    expect(insistenceProblem('inconformidad', ticket({}), ctx)).toMatch(/aún no tiene respuesta/);
    expect(
      insistenceProblem(
        'inconformidad',
        ticket({ status: 'cerrado', closedAt: '2026-11-18T12:00:00Z' }),
        ctx,
      ),
    ).toBeNull();
  });

  it('never another customer’s ticket', () => {
    expect(insistenceProblem('fuera-de-plazo', ticket({ customerCode: '1' }), ctx)).toBe(
      'El ticket PV-0000001 es de otro cliente.',
    );
  });

  it('lists the tickets that qualify, newest first', () => {
    const tickets = [
      ticket({ id: 'A', createdAt: '2026-10-01T12:00:00Z' }),
      ticket({ id: 'B', dueDate: '2026-12-10', createdAt: '2026-11-20T12:00:00Z' }),
      ticket({ id: 'C', createdAt: '2026-11-01T12:00:00Z' }),
    ];
    expect(insistenceCandidates(tickets, 'fuera-de-plazo', ctx).map((t) => t.id)).toEqual(['C', 'A']);
    expect(insistenceCandidates(tickets, 'inconformidad', ctx)).toEqual([]);
  });
});
