import { BrowserWindow, type WebPreferences } from 'electron';
import type { RendererEntry } from './appUrl';
import { errorFields, type Logger } from './logger';

/** Electron security checklist: the page is an untrusted web page with a narrow bridge. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
    // The outbox sender and the line's re-registration must keep their timers when the window is hidden.
    backgroundThrottling: false,
  };
}

export function createMainWindow(entry: RendererEntry, preloadPath: string, logger: Logger): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Companion',
    width: 1366,
    height: 768,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  // Shown once painted; also on a failed load so the agent is not left with nothing on screen.
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL) => {
    logger.error('renderer failed to load', { errorCode, errorDescription, url: validatedURL });
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });

  const loading = entry.kind === 'dev-server' ? window.loadURL(entry.url) : window.loadFile(entry.indexPath);
  loading.catch((error: unknown) => logger.error('renderer load rejected', errorFields(error)));
  return window;
}

/** A second launch brings the existing window to the front instead of opening another. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
