import { Backoff, type BackoffOptions } from '../../../shared/backoff';
import { realClock, type Clock } from '../../../shared/time/clock';
import {
  INITIAL_LINE_STATE,
  isCredentialsRejection,
  lineReducer,
  type LineEvent,
  type LineState,
} from '../../../shared/telephony/lineState';

/**
 * Keeps the agent's line registered. sip.js 0.21 neither reconnects its WebSocket usefully nor
 * re-registers after a transport loss, so this module owns it: on any loss it schedules a new
 * connect + REGISTER with exponential backoff and full jitter, resets after a success, and
 * backs off for a long time when the PBX refuses the credentials (retrying soon would only
 * hammer it, or lock the account).
 *
 * It drives a `LineStack` port (sip.js in production, a fake in tests) and a `Clock`.
 */

/** The signalling stack as this module needs it. */
export interface LineStack {
  isConnected(): boolean;
  /** Opens the transport; rejects when it cannot. */
  connect(): Promise<void>;
  /** Sends REGISTER; resolves on 2xx, rejects with `RegistrationRejected` or any Error. */
  register(): Promise<void>;
  /** Best effort: unregister and close. */
  shutdown(): Promise<void>;
  /** Set by the supervisor: the transport dropped without being asked to. */
  onTransportLost: ((reason: string) => void) | null;
  /** Set by the supervisor: the registration ended without being asked to (refresh failed, expired). */
  onRegistrationLost: ((reason: string) => void) | null;
}

export class RegistrationRejected extends Error {
  constructor(
    readonly statusCode: number,
    reasonPhrase: string,
  ) {
    super(`REGISTER rejected: ${statusCode} ${reasonPhrase}`);
    this.name = 'RegistrationRejected';
  }
}

export interface LineSupervisorOptions {
  backoff?: BackoffOptions;
  /** Wait after "Credenciales rechazadas" before trying once more; null: only on `retryNow()`. */
  credentialsRetryMs?: number | null;
  /** A REGISTER without an answer by then counts as a loss. */
  registerTimeoutMs?: number;
  clock?: Clock;
  onState?: (state: LineState) => void;
}

export const DEFAULT_CREDENTIALS_RETRY_MS = 5 * 60_000;
export const DEFAULT_REGISTER_TIMEOUT_MS = 10_000;

export class LineSupervisor {
  private current: LineState = INITIAL_LINE_STATE;
  private readonly policy: Backoff;
  private readonly clock: Clock;
  private timer: unknown = null;
  /** Bumped whenever an attempt is superseded, so late answers of an old attempt are ignored. */
  private generation = 0;

  constructor(
    private readonly stack: LineStack,
    private readonly options: LineSupervisorOptions = {},
  ) {
    this.policy = new Backoff(options.backoff);
    this.clock = options.clock ?? realClock;
    stack.onTransportLost = (reason) => this.lost(reason);
    stack.onRegistrationLost = (reason) => this.lost(reason);
  }

  get state(): LineState {
    return this.current;
  }

  start(): void {
    if (this.current.status !== 'idle') return;
    this.policy.reset();
    this.apply({ type: 'start' });
    void this.attempt();
  }

  /** "Reintentar línea": skips the wait of an offline or rejected line. */
  retryNow(): void {
    if (this.current.status !== 'offline' && this.current.status !== 'rejected') return;
    this.clearTimer();
    this.apply({ type: 'retry' });
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.clearTimer();
    this.apply({ type: 'stop' });
    try {
      await this.stack.shutdown();
    } catch {
      // Stopping must always succeed from the agent's point of view.
    }
  }

  private async attempt(): Promise<void> {
    const generation = ++this.generation;
    try {
      if (!this.stack.isConnected()) await this.stack.connect();
      if (generation !== this.generation) return;
      await this.withTimeout(
        this.stack.register(),
        this.options.registerTimeoutMs ?? DEFAULT_REGISTER_TIMEOUT_MS,
      );
      if (generation !== this.generation) return;
      this.policy.reset();
      this.apply({ type: 'registered', at: this.clock.now() });
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof RegistrationRejected && isCredentialsRejection(error.statusCode)) {
        this.rejected(error.statusCode);
      } else {
        this.lost(error instanceof Error ? error.message : String(error));
      }
    }
  }

  private lost(reason: string): void {
    if (this.current.status !== 'online' && this.current.status !== 'connecting') return;
    this.generation++; // an attempt still in flight is now moot
    const delayMs = this.policy.next();
    this.apply({ type: 'lost', reason, at: this.clock.now(), delayMs });
    this.schedule(delayMs);
  }

  private rejected(code: number): void {
    const delayMs =
      this.options.credentialsRetryMs === undefined
        ? DEFAULT_CREDENTIALS_RETRY_MS
        : this.options.credentialsRetryMs;
    this.apply({ type: 'credentials-rejected', code, at: this.clock.now(), delayMs });
    if (delayMs !== null) this.schedule(delayMs);
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.current.status !== 'offline' && this.current.status !== 'rejected') return;
      this.apply({ type: 'retry' });
      void this.attempt();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const handle = this.clock.setTimeout(
        () => reject(new Error('La central no respondió al registro.')),
        ms,
      );
      promise.then(
        (value) => {
          this.clock.clearTimeout(handle);
          resolve(value);
        },
        (error: unknown) => {
          this.clock.clearTimeout(handle);
          reject(error);
        },
      );
    });
  }

  private apply(event: LineEvent): void {
    const next = lineReducer(this.current, event);
    if (next === this.current) return;
    this.current = next;
    this.options.onState?.(next);
  }
}
