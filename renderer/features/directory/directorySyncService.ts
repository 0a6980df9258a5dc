import type { AppStore } from '../../app/store';
import { db } from '../../db/db';
import { activeCredentials, markExpired, onSessionChange } from '../session/sessionService';
import { DEFAULT_MAX_AGE_HOURS } from './age';
import { DirectorySync } from './directorySync';
import { directoryClient, onDirectoryChanged } from './directoryService';
import {
  maxAgeSet,
  persistenceChecked,
  refreshCustomerCount,
  syncFinished,
  syncProgressed,
  syncStarted,
} from './directorySlice';
import { throttleProgress } from './engine/progress';
import { requestPersistentStorage } from './persistence';
import { explainFailure } from '../../platform/failure';

type Env = Record<string, string | boolean | undefined>;

function num(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const env = import.meta.env as Env;
/** Deltas every 15 min by default; tests shorten it with COMPANION_SYNC_DIRECTORY_* at build time. */
export const DIRECTORY_TUNING = {
  intervalMs: num(env, 'COMPANION_SYNC_DIRECTORY_INTERVAL_MS', 15 * 60_000),
  retryBaseMs: num(env, 'COMPANION_SYNC_DIRECTORY_RETRY_MS', 15_000),
  signedOutRetryMs: num(env, 'COMPANION_SYNC_DIRECTORY_SIGNED_OUT_MS', 30_000),
};

/** Meta key an administrator may set to change the age warning (hours; default 24). */
export const MAX_AGE_META_KEY = 'directoryMaxAgeHours';

let started: DirectorySync | null = null;

/**
 * Starts keeping the directory copy current in this window (once): background download through the
 * worker, on start, periodically, on reconnect and on sign-in. Lookups never wait for it.
 */
export function startDirectorySync(store: AppStore): DirectorySync {
  if (started) return started;
  const { dispatch } = store;
  void requestPersistentStorage().then((granted) => dispatch(persistenceChecked(granted)));
  void db.meta.get(MAX_AGE_META_KEY).then((row) => {
    const hours = Number(row?.value);
    dispatch(maxAgeSet(Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_MAX_AGE_HOURS));
  });

  const sync = new DirectorySync({
    connection: { credentials: activeCredentials, onUnauthorized: markExpired },
    sync: (target, onProgress) => directoryClient.sync(target, onProgress),
    onStarted: () => dispatch(syncStarted()),
    onLocalError: (error) => explainFailure('directory sync failed locally', error, ''),
    onProgress: throttleProgress((progress) => dispatch(syncProgressed(progress)), 200),
    onFinished: (status, message) => {
      dispatch(syncFinished({ status, message }));
      void dispatch(refreshCustomerCount());
    },
    ...DIRECTORY_TUNING,
  });
  started = sync;

  onSessionChange(() => sync.syncNow());
  onDirectoryChanged(() => void dispatch(refreshCustomerCount()));
  window.addEventListener('online', () => sync.syncNow());
  // The outbox's health probe (navigator.onLine lies) says when the back office answers again.
  let reachable = store.getState().sync.reachability === 'online';
  store.subscribe(() => {
    const now = store.getState().sync.reachability === 'online';
    if (now && !reachable) sync.syncNow();
    reachable = now;
  });
  sync.syncNow();
  return sync;
}

/** The agent chose the back office's directory over the local copy that was kept ("held"). */
export function replaceWithServerDirectory(): void {
  started?.syncNow({ replace: true });
}
