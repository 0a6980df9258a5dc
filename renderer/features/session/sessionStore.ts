import { z } from 'zod';
import { platform } from '../../platform';

/**
 * Where the back-office sign-in lives between restarts: the token in the platform's secret store
 * (Electron safeStorage; the browser's storage in web mode), everything else — not secret — in
 * localStorage so it can be read synchronously (e.g. the agent name of a new form).
 */
const storedSessionSchema = z.object({
  serverUrl: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  /** Server clock, as the server said it: shown, never compared with this machine's clock. */
  expiresAt: z.string(),
  /** How long the token lives, measured on the server's clock at issue. */
  lifetimeMs: z.number(),
  /** This machine's clock when the token arrived: only differences with it are used. */
  obtainedAt: z.number(),
  state: z.enum(['active', 'expired']),
  message: z.string().nullable().default(null),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

const SESSION_KEY = 'companion.backoffice.session';
const LAST_KEY = 'companion.backoffice.last';
const SIGNED_OUT_KEY = 'companion.backoffice.signedOut';
export const TOKEN_SECRET = 'backoffice.token';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadSession(): StoredSession | null {
  const raw = storage()?.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  storage()?.setItem(SESSION_KEY, JSON.stringify(session));
  storage()?.setItem(LAST_KEY, JSON.stringify({ serverUrl: session.serverUrl, username: session.username }));
  storage()?.removeItem(SIGNED_OUT_KEY);
}

export function clearSession(explicitSignOut: boolean): void {
  storage()?.removeItem(SESSION_KEY);
  if (explicitSignOut) storage()?.setItem(SIGNED_OUT_KEY, '1');
}

/** The agent chose to sign out: env defaults must not sign them back in by themselves. */
export function signedOutOnPurpose(): boolean {
  return storage()?.getItem(SIGNED_OUT_KEY) === '1';
}

/** Server and user of the last sign-in, to pre-fill the panel. */
export function lastSignIn(): { serverUrl: string; username: string } | null {
  try {
    const value = JSON.parse(storage()?.getItem(LAST_KEY) ?? 'null') as {
      serverUrl?: unknown;
      username?: unknown;
    } | null;
    return value && typeof value.serverUrl === 'string' && typeof value.username === 'string'
      ? { serverUrl: value.serverUrl, username: value.username }
      : null;
  } catch {
    return null;
  }
}

/** The signed-in account: the agent of every new form (instead of the workstation's setting). */
export function signedInAgent(): string | null {
  return loadSession()?.username ?? null;
}

export const readToken = () => platform.secretGet(TOKEN_SECRET);
export const writeToken = (token: string) => platform.secretSet(TOKEN_SECRET, token);
export const deleteToken = () => platform.secretDelete(TOKEN_SECRET);
