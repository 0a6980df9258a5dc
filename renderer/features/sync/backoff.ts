/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): wait a uniform random time
 * between 0 and the capped exponential. Many workstations coming back after the same outage then
 * spread their retries instead of hitting the back office together.
 */
export function fullJitterDelay(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
