import { login, logout, refresh, type ApiOptions, type BackOfficeSession } from '../sync/backOfficeApi';
import { envDefaults } from '../sync/tuning';
import {
  clearSession,
  deleteToken,
  loadSession,
  readToken,
  saveSession,
  signedOutOnPurpose,
  writeToken,
  type StoredSession,
} from './sessionStore';
import { renewalDelayMs, tokenLifetimeMs } from './tokenLifetime';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after any change of the stored session made in this window. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of listeners) listener();
}

/** "http://host:port/" → "http://host:port"; null when it is not an http(s) address. */
export function normalizeServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

async function store(serverUrl: string, session: BackOfficeSession, serverDate: string | null): Promise<void> {
  const now = Date.now();
  await writeToken(session.token);
  saveSession({
    serverUrl,
    username: session.user.username,
    displayName: session.user.displayName,
    role: session.user.role,
    expiresAt: session.expiresAt,
    lifetimeMs: tokenLifetimeMs(session.expiresAt, serverDate, now),
    obtainedAt: now,
    state: 'active',
    message: null,
  });
}

export type SignInResult = { ok: true } | { ok: false; message: string };

export async function signIn(rawUrl: string, username: string, password: string, options: ApiOptions): Promise<SignInResult> {
  const serverUrl = normalizeServerUrl(rawUrl);
  if (!serverUrl) return { ok: false, message: 'Escriba la dirección de la central, por ejemplo https://central.empresa.cl' };
  if (!username.trim() || !password) return { ok: false, message: 'Escriba usuario y contraseña.' };
  const result = await login(serverUrl, username.trim(), password, options);
  if (!result.ok) {
    const message =
      result.failure.kind === 'network' || result.failure.kind === 'timeout'
        ? `No se pudo contactar la central en ${serverUrl}. ${result.failure.message}`
        : result.failure.message;
    return { ok: false, message };
  }
  await store(serverUrl, result.value, result.serverDate);
  changed();
  return { ok: true };
}

export async function signOut(options: ApiOptions): Promise<void> {
  const session = loadSession();
  const token = await readToken();
  if (session && token) await logout(session.serverUrl, token, options).catch(() => undefined);
  await deleteToken();
  clearSession(true);
  changed();
}

/** A 401: the queue stays; the agent is asked to sign in again. */
export function markExpired(message: string): void {
  const session = loadSession();
  if (!session || session.state === 'expired') return;
  saveSession({ ...session, state: 'expired', message });
  changed();
}

/** Server URL and token for the sender, only while the session is active. */
export async function activeCredentials(): Promise<{ serverUrl: string; token: string } | null> {
  const session = loadSession();
  if (!session || session.state !== 'active') return null;
  const token = await readToken();
  return token ? { serverUrl: session.serverUrl, token } : null;
}

/** The configured back office (even with an expired session), for the health probe. */
export function configuredServerUrl(): string | null {
  return loadSession()?.serverUrl ?? (normalizeServerUrl(envDefaults().serverUrl) || null);
}

/**
 * Kiosks and tests start signed in from COMPANION_SERVER_URL/_USER/_PASSWORD (web mode), and sign
 * in again by themselves when the token is refused — unless the agent signed out on purpose or
 * uses another back office.
 */
export async function autoSignIn(options: ApiOptions): Promise<boolean> {
  const env = envDefaults();
  if (!env.serverUrl || !env.username || !env.password || signedOutOnPurpose()) return false;
  const session = loadSession();
  const envUrl = normalizeServerUrl(env.serverUrl);
  if (!envUrl) return false;
  if (session && (session.serverUrl !== envUrl || session.username !== env.username)) return false;
  if (session?.state === 'active' && (await readToken())) return false;
  const result = await signIn(envUrl, env.username, env.password, options);
  return result.ok;
}

export type RenewOutcome = 'renewed' | 'not-due' | 'expired' | 'failed' | 'no-session';

/** When the leader should renew next (ms from now), or null without an active session. */
export function renewalDueIn(session: StoredSession | null = loadSession(), now = Date.now()): number | null {
  if (!session || session.state !== 'active') return null;
  return renewalDelayMs(session.lifetimeMs, session.obtainedAt, now);
}

/**
 * /auth/refresh once half the token's life has passed. Leader only, and never during a batch:
 * the server revokes the old token the moment it issues the new one.
 */
export async function renewIfDue(options: ApiOptions, force = false): Promise<RenewOutcome> {
  const session = loadSession();
  const due = renewalDueIn(session);
  if (due === null || !session) return 'no-session';
  if (due > 0 && !force) return 'not-due';
  const token = await readToken();
  if (!token) return 'no-session';
  const result = await refresh(session.serverUrl, token, options);
  if (result.ok) {
    await store(session.serverUrl, result.value, result.serverDate);
    changed();
    return 'renewed';
  }
  if (result.failure.kind === 'unauthorized') {
    markExpired(result.failure.message);
    return 'expired';
  }
  return 'failed';
}
