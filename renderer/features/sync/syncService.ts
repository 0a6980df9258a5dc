import type { Dispatch } from '@reduxjs/toolkit';
import type { BackOfficeClient } from '../../backoffice/client';
import { sessionLoaded, type SessionService } from '../session';
import { openChannel, type SyncChannel } from './channel';
import { electLeader } from './leader';
import { ReachabilityMonitor } from './reachability';
import { DEFAULT_ISOLATION, type StuckBatch } from './isolation';
import { drainQueue } from './sender';
import { ExclusiveGate, SyncController } from './syncController';
import {
  becameLeader,
  callSenderStatusChanged,
  reachabilityChanged,
  senderStatusChanged,
  serverUrlChanged,
} from './syncSlice';
import type { SyncTuning } from './tuning';
import type { UploadQueue } from './uploadQueue';
import { explainFailure, type FailureLog } from '../../platform';

const RELOGIN_MIN_INTERVAL_MS = 60_000;
const RENEW_RETRY_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface OutboxSenderDeps {
  dispatch: Dispatch;
  /** What this sender uploads (the forms, the call log), each drained on its own with the same rules. */
  queues: ReadonlyArray<UploadQueue<unknown>>;
  session: SessionService;
  api: BackOfficeClient;
  tuning: SyncTuning;
  /** The operator's log: a local failure's details while draining. */
  log?: FailureLog;
  /** The window whose `pagehide` stops new drains (default: this one). */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/**
 * Sends the upload queues (forms, call log) to the back office from this window. Every window
 * watches the back office and the shared queues; the one holding the Web Lock (the leader) also
 * sends, renews the token and signs in again. Created by the composition root, started once,
 * disposed with the page.
 */
export class OutboxSender {
  private monitor: ReachabilityMonitor | null = null;
  private channel: SyncChannel | null = null;
  /** Only in the leader window: one per queue, drains never overlapping (one gate). */
  private controllers: SyncController[] = [];
  private readonly gate = new ExclusiveGate();
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRelogin = Number.NEGATIVE_INFINITY;
  private readonly cleanups: Array<() => void> = [];
  private started = false;
  private disposed = false;

  constructor(private readonly deps: OutboxSenderDeps) {}

  /** Starts watching and (in the leader window) sending. Once. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    const { session, api, tuning } = this.deps;
    this.publishSession();

    const reachability = new ReachabilityMonitor({
      serverUrl: () => session.configuredServerUrl(),
      probe: (url) => api.checkHealth(url),
      intervalMs: tuning.probeIntervalMs,
      onChange: (state, detail) => {
        this.deps.dispatch(reachabilityChanged({ state, detail }));
        if (state === 'online') this.kickAll('reachable');
      },
      // Also the leader's periodic "anything to send?" (e.g. forms a crashed window left).
      onProbe: (state) => {
        if (state === 'online') this.kickAll('queued');
      },
    });
    this.monitor = reachability;

    this.channel = openChannel((message) => {
      if (message.type === 'session') this.sessionChanged();
      else this.kickAll(message.reason === 'manual' ? 'manual' : 'queued');
    });
    this.cleanups.push(
      session.onChange(() => {
        this.channel?.post({ type: 'session' });
        this.sessionChanged();
      }),
      // The announcement above can beat the write it announces to another window: that window
      // also re-reads when the write itself lands.
      session.onOtherWindowChange(() => this.sessionChanged()),
    );

    void session.loadKioskDefaults().then(() => {
      if (this.disposed) return;
      this.publishSession();
      reachability.start();
      this.cleanups.push(electLeader(() => this.lead(reachability)));
    });
  }

  /**
   * Whether the back office answered a request of this window (a card's tickets, the duplicate
   * guard, the board…): an answer confirms "Conectado"; no answer makes the banner check at once.
   */
  reportAnswer(answered: boolean): void {
    this.monitor?.report(answered);
  }

  /** "Reintentar central": skip the backoff, in whichever window sends. */
  retryNow(): void {
    void this.monitor?.probeNow();
    if (this.controllers.length > 0) this.kickAll('manual');
    else this.channel?.post({ type: 'kick', reason: 'manual' });
  }

  private kickAll(reason: Parameters<SyncController['kick']>[0]): void {
    for (const controller of this.controllers) controller.kick(reason);
  }

  /** Stops probing and sending, releases the sender lock (another window takes over). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.monitor?.stop();
    for (const controller of this.controllers) controller.close();
    this.channel?.close();
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private publishSession(): void {
    this.deps.dispatch(sessionLoaded(this.deps.session.current()));
    this.deps.dispatch(serverUrlChanged(this.deps.session.configuredServerUrl()));
  }

  /** Renews the token at half its life; leader only, and between batches (see renewIfDue). */
  private scheduleRenewal(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    const due = this.deps.session.renewalDueIn();
    if (due === null || this.controllers.length === 0 || this.disposed) return;
    this.renewTimer = setTimeout(
      () => {
        void this.gate
          .run(() => this.deps.session.renewIfDue())
          .then((outcome) => {
            if (this.disposed) return;
            if (outcome === 'failed')
              this.renewTimer = setTimeout(() => this.scheduleRenewal(), RENEW_RETRY_MS);
            else if (outcome === 'not-due') this.scheduleRenewal();
          });
      },
      Math.min(due, MAX_TIMER_MS),
    );
  }

  private sessionChanged(): void {
    this.publishSession();
    void this.monitor?.probeNow();
    if (this.controllers.length > 0) {
      this.scheduleRenewal();
      this.kickAll('manual');
    }
  }

  private async reloginAfter401(message: string, token: string): Promise<boolean> {
    const { session } = this.deps;
    await session.markExpired(message, token);
    if (session.current()?.state === 'active') return true; // renewed meanwhile: go on
    // Kiosk credentials may sign in again by themselves, but not in a loop.
    if (Date.now() - this.lastRelogin < RELOGIN_MIN_INTERVAL_MS) return false;
    this.lastRelogin = Date.now();
    return session.autoSignIn();
  }

  /** In the one window holding the sender lock: send, renew the token, sign in again. */
  private lead(reachability: ReachabilityMonitor): void {
    if (this.disposed) return;
    const { dispatch, queues, session, api, tuning } = this.deps;
    dispatch(becameLeader());
    const target = this.deps.window ?? window;
    for (const queue of queues) {
      // The run of server errors at this queue's head, kept from one drain to the next.
      const memory: { stuck: StuckBatch | null } = { stuck: null };
      const controller = new SyncController({
        drain: () =>
          drainQueue({
            nextBatch: (limit, maxChars) => queue.nextBatch(limit, maxChars),
            applyVerdicts: (verdicts) => queue.applyVerdicts(verdicts),
            credentials: () => session.activeCredentials(),
            post: (serverUrl, token, payloads) => queue.post(api, serverUrl, token, payloads),
            batchSize: tuning.batchSize,
            batchChars: tuning.batchChars,
            messages: queue.messages,
            isolation: {
              policy: { ...DEFAULT_ISOLATION, minStuckMs: tuning.isolateAfterMs },
              memory,
              now: () => performance.now(),
              healthy: async (serverUrl) => (await api.checkHealth(serverUrl)).ok,
            },
            reportParked: queue.reportParked
              ? (credentials) => queue.reportParked!(api, credentials)
              : undefined,
          }),
        markFailed: (ids, message, nextAttemptAt) => queue.markAttemptFailed(ids, message, nextAttemptAt),
        onStatus: (status) =>
          dispatch(queue.kind === 'forms' ? senderStatusChanged(status) : callSenderStatusChanged(status)),
        onUnauthorized: (message, token) => this.reloginAfter401(message, token),
        onUnreachable: () => reachability.report(false),
        onSuccess: () => reachability.report(true),
        onLocalError: (error) => {
          const what = queue.kind === 'forms' ? 'outbox' : 'call log';
          if (this.deps.log) explainFailure(this.deps.log, `${what} drain failed locally`, error, '');
        },
        backoffBaseMs: tuning.backoffBaseMs,
        backoffMaxMs: tuning.backoffMaxMs,
        gate: this.gate,
      });
      this.controllers.push(controller);
      const onPageHide = () => controller.close();
      target.addEventListener('pagehide', onPageHide);
      this.cleanups.push(() => target.removeEventListener('pagehide', onPageHide));
      // An item queued (a form typed, a call finished) or corrected in any window wakes its sender.
      let lastPending = 0;
      this.cleanups.push(
        queue.watchPendingCount(
          (count) => {
            if (count > lastPending) controller.kick('queued');
            lastPending = count;
          },
          () => undefined,
        ),
      );
    }
    void (async () => {
      await session.autoSignIn().catch(() => false);
      if (this.disposed) return;
      this.scheduleRenewal();
      this.kickAll('manual');
    })();
  }
}
