import { describe, expect, it } from 'vitest';
import { renewalDelayMs, tokenLifetimeMs } from './tokenLifetime';

const HOUR = 3_600_000;

describe('token lifetime on a skewed workstation clock', () => {
  const serverNow = Date.parse('2026-11-26T12:00:00Z');
  const expiresAt = new Date(serverNow + 12 * HOUR).toISOString();
  const serverDate = new Date(serverNow).toUTCString();

  it('uses the server clock (Date header) whatever this machine says', () => {
    for (const skew of [-9 * HOUR, 0, 5 * HOUR, 30 * HOUR]) {
      expect(tokenLifetimeMs(expiresAt, serverDate, serverNow + skew)).toBe(12 * HOUR);
    }
  });

  it('without the Date header, an impossible lifetime becomes a short one (renew early, never late)', () => {
    expect(tokenLifetimeMs(expiresAt, null, serverNow + 2 * HOUR)).toBe(10 * HOUR);
    expect(tokenLifetimeMs(expiresAt, null, serverNow + 13 * HOUR)).toBe(10 * 60_000);
  });

  it('renews at half-life measured as elapsed local time, at once if the clock went back', () => {
    const obtainedAt = Date.parse('2026-11-26T20:00:00Z'); // local clock 8 h ahead: irrelevant
    expect(renewalDelayMs(12 * HOUR, obtainedAt, obtainedAt + HOUR)).toBe(5 * HOUR);
    expect(renewalDelayMs(12 * HOUR, obtainedAt, obtainedAt + 7 * HOUR)).toBe(0);
    expect(renewalDelayMs(12 * HOUR, obtainedAt, obtainedAt - 1)).toBe(0);
  });
});
