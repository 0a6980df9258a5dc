import { liveQuery } from 'dexie';
import type { AppDispatch } from '../../app/store';
import { db } from '../../db/db';
import { applyVerdicts, markAttemptFailed, nextBatch } from '../outbox/outboxRepo';
import {
  activeCredentials,
  autoSignIn,
  configuredServerUrl,
  loadKioskDefaults,
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
import { becameLeader, reachabilityChanged, senderStatusChanged, serverUrlChanged } from './syncSlice';
import { tuning } from './tuning';
import { explainFailure } from '../../platform/failure';

const apiOptions: ApiOptions = { timeoutMs: tuning.timeoutMs };
const probeOptions: ApiOptions = { timeoutMs: Math.min(tuning.timeoutMs, 5_000) };
const RELOGIN_MIN_INTERVAL_MS = 60_000;
const RENEW_RETRY_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

let started = false;
let dispatch: AppDispatch | null = null;
let monitor: ReachabilityMonitor | null = null;
let channel: SyncChannel | null = null;
/** Only in the leader window. */
let controller: SyncController | null = null;
let renewTimer: ReturnType<typeof setTimeout> | null = null;
let lastRelogin = Number.NEGATIVE_INFINITY;

function publishSession(): void {
  dispatch?.(sessionLoaded(loadSession()));
  dispatch?.(serverUrlChanged(configuredServerUrl()));
}

/** Renews the token at half its life; leader only, and between batches (see renewIfDue). */
function scheduleRenewal(): void {
  if (renewTimer) clearTimeout(renewTimer);
  renewTimer = null;
  const leader = controller;
  const due = renewalDueIn();
  if (due === null || !leader) return;
  renewTimer = setTimeout(
    () => {
      void leader
        .runExclusive(() => renewIfDue(apiOptions))
        .then((outcome) => {
          if (outcome === 'failed') renewTimer = setTimeout(scheduleRenewal, RENEW_RETRY_MS);
          else if (outcome === 'not-due') scheduleRenewal();
        });
    },
    Math.min(due, MAX_TIMER_MS),
  );
}

function sessionChanged(): void {
  publishSession();
  void monitor?.probeNow();
  if (controller) {
    scheduleRenewal();
    controller.kick('manual');
  }
}

async function reloginAfter401(message: string, token: string): Promise<boolean> {
  await markExpired(message, token);
  if (loadSession()?.state === 'active') return true; // renewed meanwhile: go on
  // Kiosk credentials may sign in again by themselves, but not in a loop.
  if (Date.now() - lastRelogin < RELOGIN_MIN_INTERVAL_MS) return false;
  lastRelogin = Date.now();
  return autoSignIn(apiOptions);
}

/** In the one window holding the sender lock: send, renew the token, sign in again. */
function lead(reachability: ReachabilityMonitor): void {
  dispatch?.(becameLeader());
  const leader = new SyncController({
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
    onStatus: (status) => dispatch?.(senderStatusChanged(status)),
    onUnauthorized: reloginAfter401,
    onUnreachable: () => reachability.report(false),
    onSuccess: () => reachability.report(true),
    onLocalError: (error) => explainFailure('outbox drain failed locally', error, ''),
    backoffBaseMs: tuning.backoffBaseMs,
    backoffMaxMs: tuning.backoffMaxMs,
  });
  controller = leader;
  window.addEventListener('pagehide', () => leader.close());

  // A form queued or corrected in any window of this origin wakes the sender.
  let lastPending = 0;
  liveQuery(() => db.outbox.where('status').equals('pendiente').count()).subscribe({
    next: (count) => {
      if (count > lastPending) leader.kick('queued');
      lastPending = count;
    },
    error: () => undefined,
  });

  void (async () => {
    await autoSignIn(apiOptions).catch(() => false);
    scheduleRenewal();
    leader.kick('manual');
  })();
}

/**
 * Starts the outbox sync in this window (once): every window watches the back office and the
 * shared queue; the one holding the Web Lock also sends, renews the token and signs in again.
 */
export function startSync(appDispatch: AppDispatch): void {
  if (started) return;
  started = true;
  dispatch = appDispatch;
  publishSession();

  const reachability = new ReachabilityMonitor({
    serverUrl: configuredServerUrl,
    probe: (url) => checkHealth(url, probeOptions),
    intervalMs: tuning.probeIntervalMs,
    onChange: (state, detail) => {
      dispatch?.(reachabilityChanged({ state, detail }));
      if (state === 'online') controller?.kick('reachable');
    },
    // Also the leader's periodic "anything to send?" (e.g. forms a crashed window left).
    onProbe: (state) => {
      if (state === 'online') controller?.kick('queued');
    },
  });
  monitor = reachability;

  channel = openChannel((message) => {
    if (message.type === 'session') sessionChanged();
    else controller?.kick(message.reason === 'manual' ? 'manual' : 'queued');
  });
  onSessionChange(() => {
    channel?.post({ type: 'session' });
    sessionChanged();
  });

  void loadKioskDefaults().then(() => {
    publishSession();
    reachability.start();
    electLeader(() => lead(reachability));
  });
}

/** "Reintentar ahora": skip the backoff, in whichever window sends. */
export function retryNow(): void {
  void monitor?.probeNow();
  if (controller) controller.kick('manual');
  else channel?.post({ type: 'kick', reason: 'manual' });
}

export function signIn(serverUrl: string, username: string, password: string): Promise<SignInResult> {
  return signInWith(serverUrl, username, password, apiOptions);
}

export function signOut(): Promise<void> {
  return signOutWith(apiOptions);
}
