import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { pageUrl, type AppPage, type RendererEntry } from './appUrl';
import { errorFields, type Logger } from './logger';

/**
 * Every window of the app is made here, with the Electron security checklist written out where
 * an auditor (Electronegativity) can read it: the page is an untrusted web page with a narrow bridge.
 */
export function newSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preloadPath: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // Reviewed (README, "Preload review"): contract methods and events only, no Node, no ipcRenderer;
      // the auditor's "review the preload" finding is answered there.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK

      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click never opens a window (the window-open handler denies it too).
      disableBlinkFeatures: 'Auxclick',
      // The outbox sender, the line's re-registration and the ring keep their timers when hidden.
      backgroundThrottling: false,
    },
  });
}

/** Loads one of the app's pages and logs (never throws) when that fails. */
export function loadPage(window: BrowserWindow, entry: RendererEntry, page: AppPage, logger: Logger): void {
  window
    .loadURL(pageUrl(entry, page))
    .catch((error: unknown) => logger.error('renderer load rejected', { page, ...errorFields(error) }));
}

export function createMainWindow(
  entry: RendererEntry,
  preloadPath: string,
  logger: Logger,
  options: { startHidden: boolean },
): BrowserWindow {
  const window = newSecureWindow(
    {
      title: 'Companion',
      width: 1366,
      height: 768,
      minWidth: 1100,
      minHeight: 700,
      show: false,
    },
    preloadPath,
  );
  // Shown once painted (unless started at login into the tray); also on a failed load, so the
  // agent is not left with nothing on screen.
  if (!options.startHidden) window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL) => {
    logger.error('renderer failed to load', { errorCode, errorDescription, url: validatedURL });
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  loadPage(window, entry, 'index.html', logger);
  return window;
}

/** Brings a window to the front: a second launch, the tray's "Abrir", a notification click. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

/** Hidden in the tray or minimized: the agent cannot see it. */
export function isWindowHidden(window: BrowserWindow | null): boolean {
  return !window || window.isDestroyed() || !window.isVisible() || window.isMinimized();
}
