import { app, BrowserWindow, ipcMain, session } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { createAppUrlPolicy, resolveAppPaths, resolveRendererEntry } from './appUrl';
import { createSenderCheck, registerMainApi } from './ipc';
import { createLogger, errorFields, logFilePath } from './logger';
import { createMainApi } from './mainApi';
import { createSecretStore, secretsFilePath } from './secrets';
import { installSessionSecurity, installWebContentsGuards } from './security';
import { createMainWindow, focusWindow } from './window';

export const APP_USER_MODEL_ID = 'cl.companion.desktop';

export interface StartOptions {
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  env: NodeJS.ProcessEnv;
}

/** Wires the app together. Returns false when another instance already runs (this one quits). */
export function startApp({ mainDir, env }: StartOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // Every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const paths = resolveAppPaths(mainDir);
  const entry = resolveRendererEntry(paths, env.ELECTRON_RENDERER_URL, app.isPackaged);
  const isAppUrl = createAppUrlPolicy(entry);
  const logger = createLogger({ filePath: logFilePath(app.getPath('userData')) });
  const security = { isAppUrl, logger };
  installWebContentsGuards(security);

  let mainWindow: BrowserWindow | null = null;
  const api = createMainApi({
    appInfo: () => ({
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? null,
    }),
    secrets: createSecretStore(secretsFilePath(app.getPath('userData'))),
    logger,
  });
  const senderCheck = createSenderCheck({
    getAppWebContents: () => mainWindow?.webContents ?? null,
    isAppUrl,
  });
  registerMainApi(ipcMain, api, senderCheck, logger);

  const openWindow = () => {
    mainWindow = createMainWindow(entry, paths.preload, logger);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app
    .whenReady()
    .then(() => {
      installSessionSecurity(session.defaultSession, {
        ...security,
        contentSecurityPolicy:
          entry.kind === 'dev-server' ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
      });
      openWindow();
      logger.info('app started', {
        version: app.getVersion(),
        packaged: app.isPackaged,
        renderer: entry.kind,
      });
    })
    .catch((error: unknown) => {
      logger.error('startup failed', errorFields(error));
      app.quit();
    });
  return true;
}
