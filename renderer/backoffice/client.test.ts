import { describe, expect, it } from 'vitest';
import { createBackOfficeClient } from './client';

const SERVER = 'http://127.0.0.1:9';

/** A client whose fetch answers `status` (or fails), recording what it told `onAnswer`. */
function clientAnswering(status: number | 'network-error') {
  const told: boolean[] = [];
  const client = createBackOfficeClient({
    timeoutMs: 1_000,
    fetch: async () => {
      if (status === 'network-error') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ status: 'ok', forms: [] }), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
    onAnswer: (answered) => told.push(answered),
  });
  return { client, told };
}

describe('every request tells the connection banner whether the back office answered', () => {
  it('an answer, even a refusal, says the back office is there', async () => {
    for (const status of [200, 401, 404]) {
      const { client, told } = clientAnswering(status);
      await client.recentForms(SERVER, 'token', '90000001', 12);
      expect(told, String(status)).toEqual([true]);
    }
  });

  it('a network error or a 5xx says it is not', async () => {
    for (const status of [503, 'network-error'] as const) {
      const { client, told } = clientAnswering(status);
      await client.customerTickets(SERVER, 'token', '90000001');
      expect(told, String(status)).toEqual([false]);
    }
  });

  it('the health probe reports through its own result, not twice', async () => {
    const { client, told } = clientAnswering('network-error');
    expect((await client.checkHealth(SERVER)).ok).toBe(false);
    expect(told).toEqual([]);
  });
});
