import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff';

describe('full-jitter backoff', () => {
  it('waits up to base·2ⁿ⁻¹, capped, and never less than zero', () => {
    expect(fullJitterDelay(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(4, 1000, 60_000, () => 0.999)).toBe(7992);
    expect(fullJitterDelay(30, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0)).toBe(0);
  });

  it('spreads workstations over the whole window instead of retrying together', () => {
    const delays = Array.from({ length: 200 }, () => fullJitterDelay(6, 1000, 60_000));
    expect(Math.min(...delays)).toBeLessThan(8_000);
    expect(Math.max(...delays)).toBeGreaterThan(24_000);
    expect(delays.every((d) => d >= 0 && d < 32_000)).toBe(true);
  });
});
