import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

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

describe('the same schedule for every retrier', () => {
  it('the outbox: base 1 s, capped at its maximum, never below its floor', () => {
    const outbox = { baseMs: 1000, capMs: 60_000, floorMs: 50 };
    expect(backoffDelay(0, { ...outbox, random: () => 0.999 })).toBe(999);
    expect(backoffDelay(3, { ...outbox, random: () => 0.999 })).toBe(7992);
    expect(backoffDelay(29, { ...outbox, random: () => 0.999 })).toBe(59_940);
    expect(backoffDelay(2, { ...outbox, random: () => 0 })).toBe(50);
  });

  it('the mail worker: doubles per attempt, up to the cap', () => {
    const mail = (attempts: number, random: () => number) =>
      backoffDelay(attempts, { baseMs: 1000, capMs: 60_000, random });
    expect(mail(0, () => 1)).toBe(1000);
    expect(mail(3, () => 1)).toBe(8000);
    expect(mail(3, () => 0.5)).toBe(4000);
    expect(mail(40, () => 1)).toBe(60_000);
  });

  it('spreads workstations over the whole window instead of retrying together', () => {
    const delays = Array.from({ length: 200 }, () => backoffDelay(5, { baseMs: 1000, capMs: 60_000 }));
    expect(Math.min(...delays)).toBeLessThan(8_000);
    expect(Math.max(...delays)).toBeGreaterThan(24_000);
    expect(delays.every((d) => d >= 250 && d <= 32_000)).toBe(true);
  });
});

describe('Backoff', () => {
  it('grows with each failure and starts over after a success', () => {
    const policy = new Backoff({ random: () => 0.999999 });
    expect([policy.next(), policy.next(), policy.next()]).toEqual([1000, 2000, 4000]);
    expect(policy.attempt).toBe(3);
    policy.reset();
    expect(policy.attempt).toBe(0);
    expect(policy.next()).toBe(1000);
  });
});
