import {
  login,
  logout,
  refresh,
  whoAmI,
  type ApiOptions,
  type BackOfficeSession,
} from '../sync/backOfficeApi';
import { platform, type EnvDefaults } from '../../platform';
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

interface KioskDefaults {
  serverUrl: string;
  username: string;
  password: string;
}

let kiosk: KioskDefaults = { serverUrl: '', username: '', password: '' };

/**
 * Web mode: COMPANION_SERVER_URL/_USER/_PASSWORD, served at run time by `npm run web` (none in
 * Electron). Read once at start-up.
 */
export async function loadKioskDefaults(): Promise<KioskDefaults> {
  const env = await platform.envDefaults().catch((): EnvDefaults => ({}));
  kiosk = {
    serverUrl: env.serverUrl?.trim() ?? '',
    username: env.user?.trim() ?? '',
    password: env.password ?? '',
  };
  return kiosk;
}

export function kioskDefaults(): KioskDefaults {
  return kiosk;
}

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

async function store(
  serverUrl: string,
  session: BackOfficeSession,
  serverDate: string | null,
): Promise<void> {
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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function signIn(
  rawUrl: string,
  username: string,
  password: string,
  options: ApiOptions,
): Promise<SignInResult> {
  const serverUrl = normalizeServerUrl(rawUrl);
  if (!serverUrl)
    return {
      ok: false,
      message: 'Escriba la dirección de la central, por ejemplo https://central.empresa.cl',
    };
  // The app's Content-Security-Policy lets plain http reach this machine only: say so, not "sin conexión".
  if (new URL(serverUrl).protocol === 'http:' && !LOOPBACK.has(new URL(serverUrl).hostname)) {
    return {
      ok: false,
      message: 'La central debe usar https:// (http:// solo sirve para una central en este mismo equipo).',
    };
  }
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

/**
 * A 401: the queue stays; the agent is asked to sign in again — unless the refused token is no
 * longer the current one (renewed meanwhile: the server revokes the old token at once). Callers
 * that cannot say which token was refused get it checked against /auth/me first.
 */
export async function markExpired(message: string, refusedToken?: string): Promise<void> {
  const session = loadSession();
  if (!session || session.state === 'expired') return;
  const current = await readToken();
  if (current && refusedToken !== undefined && refusedToken !== current) return;
  if (current && refusedToken === undefined) {
    const check = await whoAmI(session.serverUrl, current, { timeoutMs: 10_000 });
    if (check.ok || check.failure.kind !== 'unauthorized') return;
  }
  const now = loadSession();
  if (!now || now.state === 'expired' || now.serverUrl !== session.serverUrl) return;
  saveSession({ ...now, state: 'expired', message });
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
  return loadSession()?.serverUrl ?? (kiosk.serverUrl ? normalizeServerUrl(kiosk.serverUrl) : null);
}

/**
 * Kiosks and tests start signed in from COMPANION_SERVER_URL/_USER/_PASSWORD (web mode), and sign
 * in again by themselves when the token is refused — unless the agent signed out on purpose or
 * uses another back office.
 */
export async function autoSignIn(options: ApiOptions): Promise<boolean> {
  const env = kiosk;
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
    await markExpired(result.failure.message, token);
    return 'expired';
  }
  return 'failed';
}
