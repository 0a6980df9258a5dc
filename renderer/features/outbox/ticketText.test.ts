import { describe, expect, it } from 'vitest';
import { ticketParts } from './ticketText';

/** The text the list shows. */
function ticketText(t: Parameters<typeof ticketParts>[0]): string {
  const { id, joined, when } = ticketParts(t);
  return `Ticket ${id}${joined}, ${when}`;
}

const ticket = {
  id: 'PV-0000123',
  typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
  dueDate: '2026-12-12',
  status: 'abierto' as const,
  created: true,
};

describe('ticket text in the forms list', () => {
  it('names the ticket and its due date as the agent reads dates', () => {
    expect(ticketText(ticket)).toBe('Ticket PV-0000123, vence 12-12-2026');
  });
  it('says when the form joined a ticket that was already open, or the ticket is closed', () => {
    expect(ticketText({ ...ticket, created: false })).toBe(
      'Ticket PV-0000123 (ya estaba abierto), vence 12-12-2026',
    );
    expect(ticketText({ ...ticket, status: 'cerrado' })).toBe('Ticket PV-0000123, cerrado');
  });
});
