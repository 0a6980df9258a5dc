import { describe, expect, it } from 'vitest';
import { backoffDelay, ReconnectPolicy } from './backoff';

describe('backoffDelay', () => {
  const top = () => 0.999999;

  it('widens the window exponentially and caps it', () => {
    const windows = [0, 1, 2, 3, 4, 5, 6, 10, 1000].map((a) => backoffDelay(a, { random: top }));
    expect(windows).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('draws uniformly inside the window (full jitter), never below the floor', () => {
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(4000);
    expect(backoffDelay(3, { random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { random: () => 0.1, floorMs: 0 })).toBe(100);
  });

  it('spreads many clients over the window instead of synchronising them', () => {
    let seed = 42;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = Array.from({ length: 1000 }, () => backoffDelay(4, { random }));
    const buckets = new Set(delays.map((d) => Math.floor(d / 1600)));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...delays)).toBeLessThanOrEqual(16000);
    expect(buckets.size).toBe(10);
  });

  it('honours custom base, factor and cap', () => {
    expect(backoffDelay(2, { baseMs: 500, factor: 3, capMs: 60_000, random: top })).toBe(4500);
    expect(backoffDelay(2, { baseMs: 500, factor: 3, capMs: 2000, random: top })).toBe(2000);
  });
});

describe('ReconnectPolicy', () => {
  it('grows with each failure and starts over after a success', () => {
    const policy = new ReconnectPolicy({ random: () => 0.999999 });
    expect([policy.next(), policy.next(), policy.next()]).toEqual([1000, 2000, 4000]);
    expect(policy.attempt).toBe(3);
    policy.reset();
    expect(policy.attempt).toBe(0);
    expect(policy.next()).toBe(1000);
  });
});
