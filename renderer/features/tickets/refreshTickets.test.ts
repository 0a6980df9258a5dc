import type { UnknownAction } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { refreshCustomerTickets } from './refreshTickets';
import type { TicketCache } from './ticketCache';

describe('refreshing a customer’s tickets', () => {
  it('a cache that cannot be written shows the agent a Spanish sentence; the raw error goes to the log', async () => {
    const logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    const actions: UnknownAction[] = [];
    const cache = {
      refresh: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    } as unknown as TicketCache;
    await refreshCustomerTickets(
      cache,
      (action) => {
        actions.push(action);
        return action;
      },
      '90000010',
      (level, message, fields) => logged.push({ level, message, fields }),
    );
    const problem = (actions.at(-1) as unknown as { payload: { problem: string } }).payload.problem;
    expect(problem).toBe(
      'No se pudieron guardar los tickets en este equipo: el almacenamiento local no respondió.',
    );
    expect(logged).toEqual([
      {
        level: 'error',
        message: 'ticket cache not written',
        fields: { error: 'QuotaExceededError: The quota has been exceeded.' },
      },
    ]);
  });
});
