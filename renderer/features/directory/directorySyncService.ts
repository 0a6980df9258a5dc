import type { Dispatch, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import type { CompanionDb } from '../../db/db';
import { DEFAULT_MAX_AGE_HOURS } from './age';
import { DirectorySync, type DirectoryConnection } from './directorySync';
import type { LocalDirectory } from './directoryService';
import {
  maxAgeSet,
  persistenceChecked,
  refreshCustomerCount,
  syncFinished,
  syncProgressed,
  syncStarted,
  type DirectoryThunkExtra,
} from './directorySlice';
import { throttleProgress } from './engine/progress';
import { requestPersistentStorage } from './persistence';
import { explainFailure, type FailureLog } from '../../platform/failure';

type Env = Record<string, string | boolean | undefined>;

function num(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface DirectoryTuning {
  intervalMs: number;
  retryBaseMs: number;
  signedOutRetryMs: number;
}

/** Deltas every 15 min by default; tests shorten it with COMPANION_SYNC_DIRECTORY_* at build time. */
export function readDirectoryTuning(env: Env): DirectoryTuning {
  return {
    intervalMs: num(env, 'COMPANION_SYNC_DIRECTORY_INTERVAL_MS', 15 * 60_000),
    retryBaseMs: num(env, 'COMPANION_SYNC_DIRECTORY_RETRY_MS', 15_000),
    signedOutRetryMs: num(env, 'COMPANION_SYNC_DIRECTORY_SIGNED_OUT_MS', 30_000),
  };
}

/** Meta key an administrator may set to change the age warning (hours; default 24). */
export const MAX_AGE_META_KEY = 'directoryMaxAgeHours';

export interface DirectorySyncServiceDeps {
  db: CompanionDb;
  directory: LocalDirectory;
  dispatch: ThunkDispatch<unknown, DirectoryThunkExtra, UnknownAction> & Dispatch;
  connection: DirectoryConnection;
  /** Subscribes to sign-in, sign-out and renewals; returns the unsubscribe. */
  onSessionChange(listener: () => void): () => void;
  /** Subscribes to "the back office answers again" (the outbox's health probe); returns the unsubscribe. */
  onBackOfficeReachable(listener: () => void): () => void;
  tuning: DirectoryTuning;
  /** The operator's log (a local failure's details). */
  log: FailureLog;
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export interface DirectorySyncHandle {
  readonly sync: DirectorySync;
  dispose(): void;
}

/**
 * Keeps the directory copy current in this window: background download through the worker, on
 * start, periodically, on reconnect and on sign-in. Look-ups never wait for it.
 */
export function startDirectorySync(deps: DirectorySyncServiceDeps): DirectorySyncHandle {
  const { dispatch, directory, db } = deps;
  void requestPersistentStorage().then((granted) => dispatch(persistenceChecked(granted)));
  void db.meta.get(MAX_AGE_META_KEY).then((row) => {
    const hours = Number(row?.value);
    dispatch(maxAgeSet(Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_MAX_AGE_HOURS));
  });

  const sync = new DirectorySync({
    connection: deps.connection,
    sync: (target, onProgress) => directory.client.sync(target, onProgress),
    onStarted: () => dispatch(syncStarted()),
    onLocalError: (error) => explainFailure(deps.log, 'directory sync failed locally', error, ''),
    onProgress: throttleProgress((progress) => dispatch(syncProgressed(progress)), 200),
    onFinished: (status, message) => {
      dispatch(syncFinished({ status, message }));
      void dispatch(refreshCustomerCount());
    },
    ...deps.tuning,
  });

  const target = deps.window ?? window;
  const onOnline = () => sync.syncNow();
  target.addEventListener('online', onOnline);
  const cleanups = [
    deps.onSessionChange(() => sync.syncNow()),
    directory.onChanged(() => void dispatch(refreshCustomerCount())),
    deps.onBackOfficeReachable(() => sync.syncNow()),
    () => target.removeEventListener('online', onOnline),
  ];
  sync.syncNow();
  return {
    sync,
    dispose: () => {
      sync.stop();
      for (const cleanup of cleanups) cleanup();
    },
  };
}
