const MINUTE = 60_000;

/**
 * How long a token lives, from the server's own clock: its expiry minus the server's `Date` at issue.
 * This machine's clock may be hours off, so it is never compared with the server's expiry — except
 * as a fallback when the Date header is not readable, where an absurd result is replaced by a short
 * lifetime (renewing too often is harmless; too late signs the agent out).
 */
export function tokenLifetimeMs(expiresAt: string, serverDate: string | null, localNow: number): number {
  const expires = Date.parse(expiresAt);
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  const reference = Number.isFinite(serverNow) ? serverNow : localNow;
  const lifetime = expires - reference;
  if (!Number.isFinite(lifetime) || lifetime < 2 * MINUTE) return 10 * MINUTE;
  return Math.min(lifetime, 30 * 24 * 60 * MINUTE);
}

/**
 * Milliseconds until the token should be renewed: at half its lifetime, measured as time elapsed
 * on this machine since it arrived (a constant clock offset cancels out). A clock that went
 * backwards means "renew now".
 */
export function renewalDelayMs(lifetimeMs: number, obtainedAt: number, localNow: number): number {
  const elapsed = localNow - obtainedAt;
  if (elapsed < 0) return 0;
  return Math.max(0, lifetimeMs / 2 - elapsed);
}
