import { backoffDelay } from '../../../shared/backoff';
import type { DrainOutcome } from './sender';
import type { ApiFailure } from '../../backoffice/client';

export type KickReason =
  /** "Reintentar central", a corrected form, a fresh sign-in: skip any backoff. */
  | 'manual'
  /** The server is reachable again after being unreachable. */
  | 'reachable'
  /** A new form or a periodic check: respects the backoff. */
  | 'queued'
  | 'retry';

export type SenderPhase = 'idle' | 'sending' | 'waiting' | 'paused';

export interface SenderStatus {
  phase: SenderPhase;
  /** The error that made the sender wait or pause. */
  error: string | null;
  failure: ApiFailure['kind'] | 'unauthorized' | 'no-session' | null;
  /** This machine's clock: when the next automatic try happens (display only). */
  retryAt: number | null;
  failures: number;
}

export interface ControllerDeps {
  drain(): Promise<DrainOutcome>;
  markFailed(ids: string[], message: string, nextAttemptAt: string | null): Promise<void>;
  /** Work that must never overlap a drain (token renewal), run between drains. */
  onStatus(status: SenderStatus): void;
  /** A 401 for `token`: may sign in again silently (kiosk credentials); true when sending can go on. */
  onUnauthorized(message: string, token: string): Promise<boolean>;
  /** Network errors and timeouts: the reachability monitor should check. */
  onUnreachable(): void;
  onSuccess(): void;
  /** A local failure (IndexedDB) while draining: for the operator's log. */
  onLocalError?(error: unknown): void;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Shared by every controller of a window: a token renewal waits for all their drains. */
  gate?: ExclusiveGate;
  random?: () => number;
  now?: () => number;
}

/** Runs tasks one after another, never two at once (drains of every queue, token renewals). */
export class ExclusiveGate {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Runs the sender in the leader window: one drain at a time, exponential backoff with full jitter
 * while the server fails, a pause on 401 until someone signs in. Timers are relative (setTimeout),
 * so a wrong or jumping wall clock cannot stall or rush the retries.
 */
export class SyncController {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again: KickReason | null = null;
  private paused = false;
  private closed = false;
  private readonly gate: ExclusiveGate;
  private status: SenderStatus = { phase: 'idle', error: null, failure: null, retryAt: null, failures: 0 };

  constructor(private readonly deps: ControllerDeps) {
    this.gate = deps.gate ?? new ExclusiveGate();
  }

  get current(): SenderStatus {
    return this.status;
  }

  kick(reason: KickReason): void {
    if (this.closed) return;
    const urgent = reason === 'manual' || reason === 'reachable';
    if (this.timer && !urgent) return; // backing off: a new form waits with the others
    if (urgent) this.paused = false;
    if (this.paused && reason !== 'retry') return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) {
      this.again = reason;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      const next = this.again;
      this.again = null;
      if (next && !this.closed) this.kick(next);
    });
  }

  /** Runs `task` between drains, never during one (a token renewal must not race a batch). */
  runExclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.gate.run(task);
  }

  /** The window is closing: no new drain starts. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Awaits the drain in progress, if any (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private setStatus(status: Partial<SenderStatus>): void {
    this.status = { ...this.status, ...status, failures: this.failures };
    this.deps.onStatus(this.status);
  }

  private async run(): Promise<void> {
    this.setStatus({ phase: 'sending' });
    let outcome: DrainOutcome;
    try {
      outcome = await this.runExclusive(() => this.deps.drain());
    } catch (error) {
      // IndexedDB trouble: treat as a failure, retry later; the forms are where they were.
      this.deps.onLocalError?.(error);
      const message = 'No se pudieron leer los formularios en cola de este equipo: se reintentará.';
      outcome = {
        kind: 'failed',
        failure: { kind: 'server', status: 0, message },
        ids: [],
        sent: 0,
        rejected: 0,
      };
    }
    if (this.closed) return;
    switch (outcome.kind) {
      case 'drained':
      case 'stopped':
        this.failures = 0;
        this.deps.onSuccess();
        this.setStatus({ phase: 'idle', error: null, failure: null, retryAt: null });
        return;
      case 'no-session':
        this.paused = true;
        this.setStatus({ phase: 'paused', error: null, failure: 'no-session', retryAt: null });
        return;
      case 'unauthorized': {
        this.paused = true;
        this.setStatus({ phase: 'paused', error: outcome.message, failure: 'unauthorized', retryAt: null });
        if (await this.deps.onUnauthorized(outcome.message, outcome.token)) this.kick('manual');
        return;
      }
      case 'failed': {
        this.failures += 1;
        if (outcome.sent > 0 || outcome.rejected > 0) this.deps.onSuccess();
        if (outcome.failure.kind === 'network' || outcome.failure.kind === 'timeout')
          this.deps.onUnreachable();
        const delay = backoffDelay(this.failures - 1, {
          baseMs: this.deps.backoffBaseMs,
          capMs: this.deps.backoffMaxMs,
          floorMs: 50,
          random: this.deps.random,
        });
        const retryAt = (this.deps.now ?? Date.now)() + delay;
        try {
          if (outcome.ids.length > 0)
            await this.deps.markFailed(outcome.ids, outcome.failure.message, new Date(retryAt).toISOString());
        } catch {
          // only bookkeeping for the display
        }
        if (this.closed) return;
        this.timer = setTimeout(() => {
          this.timer = null;
          this.kick('retry');
        }, delay);
        this.setStatus({
          phase: 'waiting',
          error: outcome.failure.message,
          failure: outcome.failure.kind,
          retryAt,
        });
        return;
      }
    }
  }
}
