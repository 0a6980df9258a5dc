import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('mail lease', () => {
  it('outlives every send of a claim by a minute by default', () => {
    expect(loadConfig({}).mailLeaseMs).toBe(30_000 + 60_000);
    expect(loadConfig({ MAIL_BATCH: '3', MAIL_SEND_TIMEOUT_MS: '10000' }).mailLeaseMs).toBe(90_000);
  });

  it('takes an operator’s shorter lease, but never one a slow send could outlive', () => {
    expect(loadConfig({ MAIL_SEND_TIMEOUT_MS: '10000', MAIL_LEASE_MS: '12000' }).mailLeaseMs).toBe(12_000);
    expect(() => loadConfig({ MAIL_SEND_TIMEOUT_MS: '10000', MAIL_LEASE_MS: '10500' })).toThrow(
      /MAIL_LEASE_MS must be at least .*11000/,
    );
  });
});
