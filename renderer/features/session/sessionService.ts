import type { BackOfficeClient, BackOfficeSession as IssuedSession } from '../../backoffice/client';
import type { EnvDefaults } from '../../platform';
import type { SessionStore, StorageEventTarget, StoredSession } from './sessionStore';
import { renewalDelayMs, tokenLifetimeMs } from './tokenLifetime';

export interface KioskDefaults {
  serverUrl: string;
  username: string;
  password: string;
}

export type SignInResult = { ok: true } | { ok: false; message: string };

export type RenewOutcome = 'renewed' | 'not-due' | 'expired' | 'failed' | 'no-session';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

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

export interface SessionServiceDeps {
  store: SessionStore;
  api: BackOfficeClient;
  /** The operator's defaults (web mode: COMPANION_SERVER_URL/_USER/_PASSWORD; none in Electron). */
  envDefaults: () => Promise<EnvDefaults>;
  /** Where other windows' writes to the stored session are announced (default: this window). */
  storageEvents?: StorageEventTarget | null;
  now?: () => number;
}

/**
 * The agent's sign-in to the back office: signs in and out, renews the token, notices a refused
 * one, and tells whoever listens (the outbox sender, the directory sync) after any change.
 */
export class SessionService {
  private kiosk: KioskDefaults = { serverUrl: '', username: '', password: '' };
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  /** A renewal under way: the server revoked the old token before this window stored the new one. */
  private renewing: Promise<RenewOutcome> | null = null;

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** What is stored now (null: signed out). */
  current(): StoredSession | null {
    return this.deps.store.load();
  }

  /** Read once at start-up. */
  async loadKioskDefaults(): Promise<KioskDefaults> {
    const env = await this.deps.envDefaults().catch((): EnvDefaults => ({}));
    this.kiosk = {
      serverUrl: env.serverUrl?.trim() ?? '',
      username: env.user?.trim() ?? '',
      password: env.password ?? '',
    };
    return this.kiosk;
  }

  kioskDefaults(): KioskDefaults {
    return this.kiosk;
  }

  /** Server and user of the last sign-in, to pre-fill the panel. */
  lastSignIn(): { serverUrl: string; username: string } | null {
    return this.deps.store.lastSignIn();
  }

  /** Called after any change of the stored session made in this window. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called when another window of this workstation changed the stored session, once its write is
   * visible here (the `storage` event): re-read then, since the other window's own announcement
   * may have arrived before its write.
   */
  onOtherWindowChange(listener: () => void): () => void {
    const target = this.deps.storageEvents === undefined ? defaultStorageEvents() : this.deps.storageEvents;
    return target ? this.deps.store.watchOtherWindows(target, listener) : () => undefined;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async keep(serverUrl: string, session: IssuedSession, serverDate: string | null): Promise<void> {
    const now = this.now();
    await this.deps.store.writeToken(session.token);
    this.deps.store.save({
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

  async signIn(rawUrl: string, username: string, password: string): Promise<SignInResult> {
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
    const result = await this.deps.api.login(serverUrl, username.trim(), password);
    if (!result.ok) {
      const message =
        result.failure.kind === 'network' || result.failure.kind === 'timeout'
          ? `No se pudo contactar la central en ${serverUrl}. ${result.failure.message}`
          : result.failure.message;
      return { ok: false, message };
    }
    await this.keep(serverUrl, result.value, result.serverDate);
    this.changed();
    return { ok: true };
  }

  async signOut(): Promise<void> {
    const session = this.deps.store.load();
    const token = await this.deps.store.readToken();
    if (session && token) await this.deps.api.logout(session.serverUrl, token).catch(() => undefined);
    await this.deps.store.deleteToken();
    this.deps.store.clear(true);
    this.changed();
  }

  /**
   * A 401: the queue stays; the agent is asked to sign in again — unless the refused token is no
   * longer the current one (renewed meanwhile: the server revokes the old token at once). Callers
   * that cannot say which token was refused get it checked against /auth/me first.
   */
  async markExpired(message: string, refusedToken?: string): Promise<void> {
    // A request sent with the old token while this window renews it gets a 401 (the server revokes
    // the old token at once): judge once the new one is stored.
    if (this.renewing) await this.renewing.catch(() => undefined);
    return this.expire(message, refusedToken);
  }

  private async expire(message: string, refusedToken?: string): Promise<void> {
    const { store } = this.deps;
    const session = store.load();
    if (!session || session.state === 'expired') return;
    const current = await store.readToken();
    if (current && refusedToken !== undefined && refusedToken !== current) return;
    if (current && refusedToken === undefined) {
      const check = await this.deps.api.whoAmI(session.serverUrl, current);
      if (check.ok || check.failure.kind !== 'unauthorized') return;
    }
    const now = store.load();
    if (!now || now.state === 'expired' || now.serverUrl !== session.serverUrl) return;
    store.save({ ...now, state: 'expired', message });
    this.changed();
  }

  /** Server URL and token for the sender, only while the session is active. */
  async activeCredentials(): Promise<{ serverUrl: string; token: string } | null> {
    const session = this.deps.store.load();
    if (!session || session.state !== 'active') return null;
    const token = await this.deps.store.readToken();
    return token ? { serverUrl: session.serverUrl, token } : null;
  }

  /** The configured back office (even with an expired session), for the health probe. */
  configuredServerUrl(): string | null {
    return (
      this.deps.store.load()?.serverUrl ??
      (this.kiosk.serverUrl ? normalizeServerUrl(this.kiosk.serverUrl) : null)
    );
  }

  /** The signed-in account: the agent of every new form. */
  signedInAgent(): string | null {
    return this.deps.store.signedInAgent();
  }

  /**
   * Kiosks and tests start signed in from COMPANION_SERVER_URL/_USER/_PASSWORD (web mode), and sign
   * in again by themselves when the token is refused — unless the agent signed out on purpose or
   * uses another back office.
   */
  async autoSignIn(): Promise<boolean> {
    const env = this.kiosk;
    const { store } = this.deps;
    if (!env.serverUrl || !env.username || !env.password || store.signedOutOnPurpose()) return false;
    const session = store.load();
    const envUrl = normalizeServerUrl(env.serverUrl);
    if (!envUrl) return false;
    if (session && (session.serverUrl !== envUrl || session.username !== env.username)) return false;
    if (session?.state === 'active' && (await store.readToken())) return false;
    const result = await this.signIn(envUrl, env.username, env.password);
    return result.ok;
  }

  /** When the leader should renew next (ms from now), or null without an active session. */
  renewalDueIn(session: StoredSession | null = this.deps.store.load()): number | null {
    if (!session || session.state !== 'active') return null;
    return renewalDelayMs(session.lifetimeMs, session.obtainedAt, this.now());
  }

  /**
   * /auth/refresh once half the token's life has passed. Leader only, and never during a batch:
   * the server revokes the old token the moment it issues the new one.
   */
  async renewIfDue(force = false): Promise<RenewOutcome> {
    if (this.renewing) return this.renewing;
    const renewal = this.renew(force);
    this.renewing = renewal;
    try {
      return await renewal;
    } finally {
      if (this.renewing === renewal) this.renewing = null;
    }
  }

  private async renew(force: boolean): Promise<RenewOutcome> {
    const session = this.deps.store.load();
    const due = this.renewalDueIn(session);
    if (due === null || !session) return 'no-session';
    if (due > 0 && !force) return 'not-due';
    const token = await this.deps.store.readToken();
    if (!token) return 'no-session';
    const result = await this.deps.api.refresh(session.serverUrl, token);
    if (result.ok) {
      await this.keep(session.serverUrl, result.value, result.serverDate);
      this.changed();
      return 'renewed';
    }
    if (result.failure.kind === 'unauthorized') {
      await this.expire(result.failure.message, token);
      return 'expired';
    }
    return 'failed';
  }
}

function defaultStorageEvents(): StorageEventTarget | null {
  return typeof window === 'undefined' ? null : window;
}
