import { liveQuery } from 'dexie';
import type { AppDispatch } from '../../app/store';
import { db } from '../../db/db';
import { applyVerdicts, markAttemptFailed, nextBatch } from '../outbox/outboxRepo';
import {
  activeCredentials,
  autoSignIn,
  configuredServerUrl,
  markExpired,
  onSessionChange,
  renewalDueIn,
  renewIfDue,
  signIn as signInWith,
  signOut as signOutWith,
  type SignInResult,
} from '../session/sessionService';
import { sessionLoaded } from '../session/sessionSlice';
import { loadSession } from '../session/sessionStore';
import { checkHealth, postBatch, type ApiOptions } from './backOfficeApi';
import { openChannel, type SyncChannel } from './channel';
import { electLeader } from './leader';
import { ReachabilityMonitor } from './reachability';
import { drainOutbox } from './sender';
import { SyncController } from './syncController';
import { becameLeader, reachabilityChanged, senderStatusChanged } from './syncSlice';
import { tuning } from './tuning';

const apiOptions: ApiOptions = { timeoutMs: tuning.timeoutMs };
const probeOptions: ApiOptions = { timeoutMs: Math.min(tuning.timeoutMs, 5_000) };
const RELOGIN_MIN_INTERVAL_MS = 60_000;
const RENEW_RETRY_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

let started = false;
let controller: SyncController | null = null;
let channel: SyncChannel | null = null;
let reachability: ReachabilityMonitor | null = null;

/**
 * Starts the outbox sync in this window (once): every window watches the back office and the
 * shared queue; the one holding the Web Lock also sends, renews the token and signs in again.
 */
export function startSync(dispatch: AppDispatch): void {
  if (started) return;
  started = true;
  let renewTimer: ReturnType<typeof setTimeout> | null = null;
  let lastRelogin = Number.NEGATIVE_INFINITY;

  const publishSession = () => dispatch(sessionLoaded(loadSession()));
  publishSession();

  const monitor = new ReachabilityMonitor({
    serverUrl: configuredServerUrl,
    probe: (url) => checkHealth(url, probeOptions),
    intervalMs: tuning.probeIntervalMs,
    onChange: (state, detail) => {
      dispatch(reachabilityChanged({ state, detail }));
      if (state === 'online') controller?.kick('reachable');
    },
    // The leader's periodic "anything to send?" (forms written by another tab are seen here too).
    onProbe: (state) => {
      if (state === 'online') controller?.kick('queued');
    },
  });
  reachability = monitor;

  const scheduleRenewal = () => {
    if (renewTimer) clearTimeout(renewTimer);
    renewTimer = null;
    const due = renewalDueIn();
    if (due === null || !controller) return;
    const leaderController = controller;
    renewTimer = setTimeout(() => {
      void leaderController
        .runExclusive(() => renewIfDue(apiOptions))
        .then((outcome) => {
          if (outcome === 'failed') renewTimer = setTimeout(scheduleRenewal, RENEW_RETRY_MS);
          else if (outcome === 'not-due') scheduleRenewal();
        });
    }, Math.min(due, MAX_TIMER_MS));
  };

  const sessionChanged = () => {
    publishSession();
    void monitor.probeNow();
    if (controller) {
      scheduleRenewal();
      controller.kick('manual');
    }
  };

  channel = openChannel((message) => {
    if (message.type === 'session') sessionChanged();
    else controller?.kick(message.reason === 'manual' ? 'manual' : 'queued');
  });
  onSessionChange(() => {
    channel?.post({ type: 'session' });
    sessionChanged();
  });

  monitor.start();

  electLeader(() => {
    dispatch(becameLeader());
    const leaderController = new SyncController({
      drain: () =>
        drainOutbox({
          nextBatch,
          applyVerdicts,
          credentials: activeCredentials,
          post: (serverUrl, token, forms) => postBatch(serverUrl, token, forms, apiOptions),
          batchSize: tuning.batchSize,
          batchChars: tuning.batchChars,
        }),
      markFailed: markAttemptFailed,
      onStatus: (status) => dispatch(senderStatusChanged(status)),
      onUnauthorized: async (message) => {
        markExpired(message);
        // Kiosk credentials may sign in again, but not in a loop.
        if (Date.now() - lastRelogin < RELOGIN_MIN_INTERVAL_MS) return false;
        lastRelogin = Date.now();
        return autoSignIn(apiOptions);
      },
      onUnreachable: () => monitor.report(false),
      onSuccess: () => monitor.report(true),
      backoffBaseMs: tuning.backoffBaseMs,
      backoffMaxMs: tuning.backoffMaxMs,
    });
    controller = leaderController;
    window.addEventListener('pagehide', () => leaderController.close());

    // A form queued (or corrected) in any window of this origin wakes the sender.
    let lastPending = 0;
    liveQuery(() => db.outbox.where('status').equals('pendiente').count()).subscribe({
      next: (count) => {
        if (count > lastPending) leaderController.kick('queued');
        lastPending = count;
      },
      error: () => undefined,
    });

    void (async () => {
      await autoSignIn(apiOptions).catch(() => false);
      scheduleRenewal();
      leaderController.kick('manual');
    })();
  });
}

/** "Reintentar ahora": skip the backoff, in whichever window sends. */
export function retryNow(): void {
  void reachability?.probeNow();
  if (controller) controller.kick('manual');
  else channel?.post({ type: 'kick', reason: 'manual' });
}

export function signIn(serverUrl: string, username: string, password: string): Promise<SignInResult> {
  return signInWith(serverUrl, username, password, apiOptions);
}

export function signOut(): Promise<void> {
  return signOutWith(apiOptions);
}
