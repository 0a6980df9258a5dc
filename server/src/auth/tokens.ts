import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types';

/**
 * Opaque bearer tokens: 32 random bytes, stored only as their SHA-256. Chosen over signed tokens
 * because sign-out and disabling an account take effect at once on every process (they share the
 * database), and there is no signing key to distribute or rotate. Cost: one primary-key lookup
 * per request.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface TokenLifetime {
  /** Each token's own life (a refresh gives a new one). */
  ttlHours: number;
  /** From the sign-in: no chain of refreshes outlives it. */
  maxHours: number;
}

/**
 * A new token for `userId`. `signedInAt` is the sign-in a refresh descends from (absent on a
 * sign-in): the token expires after `ttlHours` or at sign-in + `maxHours`, whichever is first.
 */
export async function issueToken(
  db: Queryable,
  userId: number,
  lifetime: TokenLifetime,
  signedInAt: Date | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO sessions (token_hash, user_id, signed_in_at, expires_at)
     SELECT $1, $2, s, LEAST(now() + make_interval(hours => $3), s + make_interval(hours => $4))
       FROM (SELECT coalesce($5::timestamptz, now()) AS s) x
     RETURNING expires_at`,
    [hashToken(token), userId, lifetime.ttlHours, lifetime.maxHours, signedInAt],
  );
  // Expired sessions of this user go now: the table stays as small as the active sign-ins.
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()', [userId]);
  return { token, expiresAt: rows[0]!.expires_at };
}

export async function revokeToken(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}
