import { describe, expect, it } from 'vitest';
import type { TicketResolution } from '../tickets/ticketHistory';
import { TRASVASIJE_STEPS, backsTrasvasije, formatBalance, trasvasijeBackingTickets } from './trasvasije';

const resolution = (over: Partial<TicketResolution> = {}): TicketResolution => ({
  answer: 'Se aprueba devolución de saldo a favor.',
  replyMailbox: 'devoluciones@empresa.cl',
  balance: { amount: 12500, unit: 'pesos', approved: true },
  ...over,
});

describe('devolución por trasvasije de gas', () => {
  it('has the seed’s steps a–d, step c withholding the mailbox without an answered ticket', () => {
    expect(TRASVASIJE_STEPS.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(TRASVASIJE_STEPS[0]!.text).toMatch(/STP/);
    expect(TRASVASIJE_STEPS[2]!.text).toMatch(/NO DÉ EL CORREO SI NO HAY TICKET CON RESPUESTA/);
  });

  it('a resolved ticket with an approved balance in pesos or litres backs the return', () => {
    expect(backsTrasvasije({ status: 'cerrado', resolution: resolution() })).toBe(true);
    expect(
      backsTrasvasije({
        status: 'cerrado',
        resolution: resolution({ balance: { amount: 350, unit: 'litros', approved: true } }),
      }),
    ).toBe(true);
  });

  it('anything less means a post-sale ticket instead', () => {
    const not = [
      { status: 'abierto' as const, resolution: resolution() },
      { status: 'cerrado' as const, resolution: null },
      { status: 'cerrado' as const, resolution: resolution({ balance: null }) },
      {
        status: 'cerrado' as const,
        resolution: resolution({ balance: { amount: 0, unit: 'pesos', approved: true } }),
      },
      {
        status: 'cerrado' as const,
        resolution: resolution({ balance: { amount: 9, unit: 'pesos', approved: false } }),
      },
      { status: 'cerrado' as const, resolution: resolution({ replyMailbox: null }) },
      { status: 'cerrado' as const, resolution: resolution({ answer: '  ' }) },
    ];
    for (const t of not) expect(backsTrasvasije(t), JSON.stringify(t)).toBe(false);
  });

  it('lists the backing tickets newest first and prints balances as agents say them', () => {
    const list = trasvasijeBackingTickets([
      { id: 'old', createdAt: '2026-01-01T00:00:00Z', status: 'cerrado' as const, resolution: resolution() },
      { id: 'none', createdAt: '2026-06-01T00:00:00Z', status: 'cerrado' as const, resolution: null },
      { id: 'new', createdAt: '2026-05-01T00:00:00Z', status: 'cerrado' as const, resolution: resolution() },
    ]);
    expect(list.map((t) => t.id)).toEqual(['new', 'old']);
    expect(formatBalance({ amount: 12500, unit: 'pesos', approved: true })).toBe('12.500 pesos');
    expect(formatBalance({ amount: 350, unit: 'litros', approved: true })).toBe('350 litros');
  });
});
