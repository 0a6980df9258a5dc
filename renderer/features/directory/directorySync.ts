import { backoffDelay } from '../../../shared/backoff';
import type { DirectoryProgress } from './engine/progress';
import type { SyncResult, SyncTarget } from './engine/syncFromServer';
import type { DirectorySyncStatus } from './directorySlice';

/** Where the back office is and the token to use (the session module provides it). */
export interface DirectoryConnection {
  /** null while signed out (or the session expired). */
  credentials(): Promise<{ serverUrl: string; token: string } | null>;
  /** The server refused `token`: ask the agent to sign in again (unless it was renewed meanwhile). */
  onUnauthorized(message: string, token: string): void;
}

export interface DirectorySyncDeps {
  connection: DirectoryConnection;
  sync(target: SyncTarget, onProgress: (p: DirectoryProgress) => void): Promise<SyncResult | null>;
  onStarted(): void;
  onProgress(progress: DirectoryProgress): void;
  onFinished(
    status: Exclude<DirectorySyncStatus, 'syncing'>,
    message: string | null,
    result: SyncResult | null,
  ): void;
  /** A failure that is not the network's (storage, a bug): for the operator's log. */
  onLocalError?(error: unknown): void;
  /** Deltas while all is well. */
  intervalMs: number;
  /** First retry after a failure; doubles up to `intervalMs`, with jitter. */
  retryBaseMs: number;
  /** Signed out: look again this often (a sign-in in this window also calls syncNow). */
  signedOutRetryMs: number;
  random?: () => number;
}

/** Error shape coming back from the worker (DirectoryOperationError). */
interface CodedError {
  message: string;
  code?: string | null;
  userFacing?: boolean;
}

const LOCAL_FAILURE =
  'No se pudo actualizar el directorio de este equipo: se reintentará. Las búsquedas usan la copia actual.';

function mark(name: string, detail: SyncResult | null = null): void {
  try {
    performance.mark(name, { detail });
  } catch {
    // Marks are diagnostics only.
  }
}

/**
 * Keeps the local copy current: a sync at start, every `intervalMs`, on reconnect and on sign-in;
 * after a failure it retries with exponential backoff and jitter. One run at a time; a request
 * during a run queues exactly one more.
 */
export class DirectorySync {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;
  private failures = 0;
  private stopped = false;
  /** The agent chose to replace a held local copy: the next run applies the snapshot anyway. */
  private replace = false;

  constructor(private readonly deps: DirectorySyncDeps) {}

  /** `replace`: the agent chose the back office's directory over the local copy that was kept. */
  syncNow(options: { replace?: boolean } = {}): void {
    if (this.stopped) return;
    if (options.replace) this.replace = true;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.syncNow(), ms);
  }

  /** Windows of a whole call centre do not retry in step (shared/backoff.ts). */
  private backoffMs(): number {
    return backoffDelay(this.failures - 1, {
      baseMs: this.deps.retryBaseMs,
      capMs: this.deps.intervalMs,
      random: this.deps.random,
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    this.again = false;
    let next = this.deps.intervalMs;
    try {
      const credentials = await this.deps.connection.credentials().catch(() => null);
      if (!credentials) {
        this.deps.onFinished('signed-out', null, null);
        next = this.deps.signedOutRetryMs;
        return;
      }
      this.deps.onStarted();
      // Marks on the page's timeline: tools (the benchmark) line long tasks up with the sync.
      mark('directory-sync-start');
      const replace = this.replace;
      this.replace = false;
      try {
        const result = await this.deps.sync(
          { baseUrl: credentials.serverUrl, token: credentials.token, ...(replace ? { replace } : {}) },
          this.deps.onProgress,
        );
        mark('directory-sync-end', result);
        this.failures = 0;
        this.deps.onFinished('ok', null, result);
      } catch (error) {
        mark('directory-sync-end', null);
        const { code, userFacing } = error as CodedError;
        const message = userFacing ? (error as CodedError).message : LOCAL_FAILURE;
        if (!userFacing) this.deps.onLocalError?.(error);
        if (code === 'unauthorized') {
          this.deps.connection.onUnauthorized(message, credentials.token);
          this.deps.onFinished('unauthorized', message, null);
          next = this.deps.signedOutRetryMs;
          return;
        }
        if (code === 'held') {
          // Not a failure: the copy is kept on purpose; ask again at the normal pace.
          this.failures = 0;
          this.deps.onFinished('held', message, null);
          return;
        }
        this.failures += 1;
        next = this.backoffMs();
        const offline = code === 'offline' || code === 'cut' || code === 'server';
        this.deps.onFinished(offline ? 'offline' : 'error', message, null);
      }
    } finally {
      this.running = false;
      if (this.again) this.syncNow();
      else this.schedule(next);
    }
  }
}
