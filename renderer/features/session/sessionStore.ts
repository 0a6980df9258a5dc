import { z } from 'zod';
import type { Platform } from '../../platform';

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
const TOKEN_SECRET = 'backoffice.token';

/** Where `storage` events arrive: the window. */
export interface StorageEventTarget {
  addEventListener(type: 'storage', listener: (event: StorageEvent) => void): void;
  removeEventListener(type: 'storage', listener: (event: StorageEvent) => void): void;
}

/** Where the platform keeps secrets (safeStorage in Electron, the browser's storage in web mode). */
export type SecretStore = Pick<Platform, 'secretGet' | 'secretSet' | 'secretDelete'>;

export class SessionStore {
  constructor(
    private readonly secrets: SecretStore,
    /** null where there is no localStorage (the session then lives only as long as the page). */
    private readonly storage: Storage | null = defaultStorage(),
  ) {}

  load(): StoredSession | null {
    const raw = this.storage?.getItem(SESSION_KEY);
    if (!raw) return null;
    try {
      const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  save(session: StoredSession): void {
    this.storage?.setItem(SESSION_KEY, JSON.stringify(session));
    this.storage?.setItem(
      LAST_KEY,
      JSON.stringify({ serverUrl: session.serverUrl, username: session.username }),
    );
    this.storage?.removeItem(SIGNED_OUT_KEY);
  }

  clear(explicitSignOut: boolean): void {
    this.storage?.removeItem(SESSION_KEY);
    if (explicitSignOut) this.storage?.setItem(SIGNED_OUT_KEY, '1');
  }

  /** The agent chose to sign out: env defaults must not sign them back in by themselves. */
  signedOutOnPurpose(): boolean {
    return this.storage?.getItem(SIGNED_OUT_KEY) === '1';
  }

  /** Server and user of the last sign-in, to pre-fill the panel. */
  lastSignIn(): { serverUrl: string; username: string } | null {
    try {
      const value = JSON.parse(this.storage?.getItem(LAST_KEY) ?? 'null') as {
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
  signedInAgent(): string | null {
    return this.load()?.username ?? null;
  }

  /**
   * Calls back when another window changed the stored session (the browser's `storage` event for
   * its key, or a clear of the whole storage). A window's announcement can arrive before the write
   * it announces is visible here; this event comes once it is.
   */
  watchOtherWindows(target: StorageEventTarget, listener: () => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.storageArea !== this.storage) return;
      if (event.key === SESSION_KEY || event.key === null) listener();
    };
    target.addEventListener('storage', onStorage);
    return () => target.removeEventListener('storage', onStorage);
  }

  readToken(): Promise<string | null> {
    return this.secrets.secretGet(TOKEN_SECRET);
  }

  writeToken(token: string): Promise<void> {
    return this.secrets.secretSet(TOKEN_SECRET, token);
  }

  deleteToken(): Promise<void> {
    return this.secrets.secretDelete(TOKEN_SECRET);
  }
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
