import type { UpdateInstallResult, UpdateStatus } from '../shared/ipc/contract';
import { errorFields, type Logger } from './logger';

/**
 * Updates through electron-updater's generic provider (a plain folder on a web server holding
 * latest.yml and the installer; its URL is the operator's `updateUrl`). Downloaded in the
 * background; installed only when the agent says so, and never while a call rings or is up:
 * restarting would drop the customer.
 */

/** The part of electron-updater's AppUpdater this module uses (a fake in tests). */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
  } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (arg: unknown) => void): unknown;
}

/** Every four hours, and once a minute after start (not during the start-up rush). */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
export const FIRST_CHECK_DELAY_MS = 60 * 1000;

export const IN_CALL_REASON =
  'Hay una llamada en curso: la actualización se instalará cuando usted lo pida, después de la llamada.';

export interface UpdateController {
  status(): UpdateStatus;
  start(): void;
  checkNow(): void;
  /** Restarts into the update, if one is ready and no call is on. */
  install(): UpdateInstallResult;
  stop(): void;
}

export interface Scheduler {
  every(ms: number, task: () => void): () => void;
  after(ms: number, task: () => void): () => void;
}

export const realScheduler: Scheduler = {
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref?.();
    return () => clearInterval(timer);
  },
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

const version = (info: unknown): string | null =>
  typeof (info as { version?: unknown } | null)?.version === 'string'
    ? (info as { version: string }).version
    : null;

export function createUpdateController(deps: {
  /** Null when updates cannot run here (not packaged, no URL). */
  updater: UpdaterPort | null;
  feedUrl: string | null;
  disabledReason: string;
  isInCall: () => boolean;
  /** Lets windows close for real (they hide to the tray otherwise). */
  prepareToQuit: () => void;
  onStatus: (status: UpdateStatus) => void;
  logger: Logger;
  scheduler?: Scheduler;
}): UpdateController {
  const { updater, feedUrl, logger } = deps;
  const scheduler = deps.scheduler ?? realScheduler;
  let current: UpdateStatus =
    updater && feedUrl
      ? { phase: 'idle', version: null, percent: null, message: 'Sin actualizaciones pendientes.' }
      : { phase: 'disabled', version: null, percent: null, message: deps.disabledReason };
  const cancels: (() => void)[] = [];

  const set = (next: UpdateStatus) => {
    current = next;
    deps.onStatus(next);
  };

  if (updater && feedUrl) {
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = false; // only when the agent agrees
    updater.allowDowngrade = false;
    updater.logger = {
      info: (m) => logger.info('updater', { detail: String(m) }),
      warn: (m) => logger.warn('updater', { detail: String(m) }),
      error: (m) => logger.error('updater', { detail: String(m) }),
    };
    updater.setFeedURL({ provider: 'generic', url: feedUrl });
    updater.on('checking-for-update', () => {
      if (current.phase !== 'ready' && current.phase !== 'downloading')
        set({ phase: 'checking', version: null, percent: null, message: 'Buscando actualizaciones…' });
    });
    updater.on('update-not-available', () => {
      if (current.phase !== 'ready')
        set({ phase: 'idle', version: null, percent: null, message: 'Companion está al día.' });
    });
    updater.on('update-available', (info) => {
      const v = version(info);
      set({
        phase: 'downloading',
        version: v,
        percent: 0,
        message: `Descargando la versión ${v ?? 'nueva'}…`,
      });
    });
    updater.on('download-progress', (progress) => {
      if (current.phase !== 'downloading') return;
      const raw = (progress as { percent?: unknown } | null)?.percent;
      const percent = Math.max(0, Math.min(100, Math.round(typeof raw === 'number' ? raw : 0)));
      set({
        ...current,
        percent,
        message: `Descargando la versión ${current.version ?? 'nueva'}: ${percent} %`,
      });
    });
    updater.on('update-downloaded', (info) => {
      const v = version(info);
      logger.info('update downloaded', { version: v });
      set({
        phase: 'ready',
        version: v,
        percent: 100,
        message: `La versión ${v ?? 'nueva'} está lista. Se instala cuando usted elija "Reiniciar y actualizar".`,
      });
    });
    updater.on('error', (error) => {
      logger.warn('update failed', errorFields(error));
      if (current.phase === 'ready') return; // a later failed check does not lose a downloaded update
      set({
        phase: 'error',
        version: null,
        percent: null,
        message: 'No se pudo buscar o descargar la actualización; se reintentará más tarde.',
      });
    });
  }

  const checkNow = () => {
    if (!updater || !feedUrl || current.phase === 'ready' || current.phase === 'installing') return;
    updater
      .checkForUpdates()
      .catch((error: unknown) => logger.warn('update check failed', errorFields(error)));
  };

  return {
    status: () => current,
    start() {
      if (!updater || !feedUrl) {
        logger.info('updates disabled', { reason: deps.disabledReason });
        return;
      }
      cancels.push(
        scheduler.after(FIRST_CHECK_DELAY_MS, checkNow),
        scheduler.every(UPDATE_CHECK_INTERVAL_MS, checkNow),
      );
    },
    checkNow,
    install() {
      if (!updater || current.phase !== 'ready') {
        return { started: false, reason: 'No hay una actualización descargada para instalar.' };
      }
      if (deps.isInCall()) {
        logger.info('update install refused during a call', { version: current.version });
        return { started: false, reason: IN_CALL_REASON };
      }
      logger.info('update install started', { version: current.version });
      set({
        ...current,
        phase: 'installing',
        message: 'Instalando la actualización; Companion se reiniciará.',
      });
      deps.prepareToQuit();
      // Silent (per-user NSIS, no wizard for the agent) and start the app again afterwards.
      updater.quitAndInstall(true, true);
      return { started: true };
    },
    stop() {
      for (const cancel of cancels.splice(0)) cancel();
    },
  };
}
