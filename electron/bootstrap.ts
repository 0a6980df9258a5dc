import os from 'node:os';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import electronUpdater from 'electron-updater';
import { MAIN_EVENTS, type MainEvents, type MainEventName, type ShellState } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { APP_SCHEME_PRIVILEGES, installAppProtocol } from './appProtocol';
import { createAppUrlPolicy, resolveAppPaths, resolveRendererEntry } from './appUrl';
import {
  createDesktopSettings,
  HIDDEN_START_ARG,
  popPlacesPath,
  USER_SETTINGS_SCHEMA,
  userSettingsPath,
} from './desktopSettings';
import { createDiagnosticService } from './diagnostics';
import { createExternalOpener } from './externalLinks';
import { createSenderCheck, registerMainApi } from './ipc';
import { openJsonStore } from './jsonStore';
import { createLogger, errorFields, logFilePath } from './logger';
import { createMainApi, type ShellServices } from './mainApi';
import { createCallNotifier } from './notifications';
import {
  DEFAULT_OPERATOR_CONFIG,
  loadOperatorConfig,
  operatorConfigPath,
  type LoadedOperatorConfig,
} from './operatorConfig';
import { createPopWindowController, POP_WINDOW_OPTIONS, SAVED_PLACES_SCHEMA } from './popWindow';
import { createSecretStore, secretsFilePath } from './secrets';
import { installSessionSecurity, installWebContentsGuards } from './security';
import { createShortcutBinding } from './shortcut';
import { createTrayController, type TrayView } from './tray';
import { createUpdateController, type UpdateController } from './updates';
import { createMainWindow, focusWindow, isWindowHidden, loadPage, newSecureWindow } from './window';

export const APP_USER_MODEL_ID = 'cl.companion.desktop';

export interface StartOptions {
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  env: NodeJS.ProcessEnv;
  argv: readonly string[];
}

export interface StartedApp {
  /** Resolves once windows, tray and handlers are up (tests wait on it). */
  ready: Promise<void>;
}

/**
 * The main process's one composition root. Returns null when another instance already runs
 * (this one quits and the first comes to the front).
 */
export function startApp({ mainDir, env, argv }: StartOptions): StartedApp | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Before ready: app:// must be a standard, secure origin from the first page on.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const userData = app.getPath('userData');
  const paths = resolveAppPaths(mainDir);
  const entry = resolveRendererEntry(paths, env.ELECTRON_RENDERER_URL, app.isPackaged);
  const isAppUrl = createAppUrlPolicy(entry);
  const logFile = logFilePath(userData);
  const logger = createLogger({ filePath: logFile });
  let operator: LoadedOperatorConfig = { config: DEFAULT_OPERATOR_CONFIG, problem: null };
  const external = createExternalOpener({
    allowList: () => operator.config.externalLinks,
    // The one call to shell.openExternal: reached only through the operator's allow-list
    // (externalLinks.ts, tested there), so the auditor's "review openExternal" is answered here.
    openInBrowser: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
    logger,
  });
  installWebContentsGuards({ isAppUrl, logger, external });

  const secrets = createSecretStore(secretsFilePath(userData));
  const startHidden = argv.includes(HIDDEN_START_ARG);
  let mainWindow: BrowserWindow | null = null;
  let popWindow: BrowserWindow | null = null;
  let quitting = false;
  let shellState: ShellState | null = null;
  let toldAboutTray = false;

  const prepareToQuit = () => {
    quitting = true;
  };
  const sendToMain = <E extends MainEventName>(event: E, payload: MainEvents[E]) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MAIN_EVENTS[event], payload);
  };

  const ready = app.whenReady().then(async () => {
    operator = await loadOperatorConfig(operatorConfigPath(env, process.platform));
    const userSettings = await openJsonStore(userSettingsPath(userData), USER_SETTINGS_SCHEMA, {});
    const popPlaces = await openJsonStore(popPlacesPath(userData), SAVED_PLACES_SCHEMA, {});

    installSessionSecurity(session.defaultSession, {
      isAppUrl,
      logger,
      contentSecurityPolicy:
        entry.kind === 'dev-server' ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    });
    if (entry.kind === 'app') {
      installAppProtocol(protocol, {
        rendererDir: entry.rendererDir,
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
        logger,
      });
    }

    // The pop window is made now, hidden: showing it for a call then costs no window creation.
    popWindow = newSecureWindow(POP_WINDOW_OPTIONS, paths.preload);
    loadPage(popWindow, entry, 'pop.html', logger);
    const pop = createPopWindowController({
      window: popWindow,
      screen,
      places: popPlaces,
      isQuitting: () => quitting,
      logger,
    });
    const isInCall = () => (shellState?.inCall ?? false) || pop.current() !== null;

    const shortcut = createShortcutBinding({
      globalShortcut,
      onPress: () => {
        if (!pop.bringToFront()) focusWindow(mainWindow);
      },
      logger,
    });
    const settings = createDesktopSettings({
      store: userSettings,
      operator,
      shortcut,
      loginItem: {
        get: () => app.getLoginItemSettings({ args: [HIDDEN_START_ARG] }).openAtLogin,
        set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_START_ARG] }),
      },
      logger,
      onChange: () => refreshTray(),
    });

    const updates: UpdateController = createUpdateController({
      updater: app.isPackaged && operator.config.updateUrl ? electronUpdater.autoUpdater : null,
      feedUrl: operator.config.updateUrl,
      disabledReason: !app.isPackaged
        ? 'Actualizaciones desactivadas: esta copia no está instalada.'
        : 'Actualizaciones desactivadas: el operador no configuró updateUrl en companion.json.',
      isInCall,
      prepareToQuit,
      onStatus: (status) => {
        sendToMain('updateStatus', status);
        refreshTray();
      },
      logger,
    });

    const notifier = createCallNotifier({
      notifications: {
        isSupported: () => Notification.isSupported(),
        create: (options) => new Notification(options),
      },
      isAppHidden: () => isWindowHidden(mainWindow),
      onClick: () => {
        if (!pop.bringToFront()) focusWindow(mainWindow);
      },
      logger,
    });

    const diagnostics = createDiagnosticService({
      app: () => ({
        version: app.getVersion(),
        platform: process.platform,
        electron: process.versions.electron ?? null,
        os: `${os.type()} ${os.release()}`,
      }),
      desktop: () => {
        const view = settings.view();
        return {
          popShortcut: view.popShortcut,
          popShortcutProblem: view.popShortcutProblem,
          startAtLogin: view.startAtLogin,
          updateUrl: view.updateUrl,
          update: updates.status().message,
          settingsProblem: view.problem,
        };
      },
      logFile,
      knownSecrets: () => secrets.allValues(),
      writeClipboard: (text) => clipboard.writeText(text),
      logger,
    });

    const quitFromTray = async () => {
      if (isInCall()) {
        const { response } = await dialog.showMessageBox({
          type: 'warning',
          title: 'Companion',
          message: 'Hay una llamada en curso.',
          detail: 'Si sale ahora, la llamada se corta.',
          buttons: ['Volver a la llamada', 'Salir y cortar la llamada'],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        });
        if (response !== 1) return;
      }
      prepareToQuit();
      app.quit();
    };

    const trayView = (): TrayView => ({
      shell: shellState,
      update: updates.status(),
      startAtLogin: settings.view().startAtLogin,
    });
    const tray = createTrayController(
      {
        createTray: (image) => new Tray(image),
        buildMenu: (template) => Menu.buildFromTemplate(template),
        imageFromPng: (png1x, png2x) => {
          const image = nativeImage.createFromBuffer(png1x, { scaleFactor: 1 });
          image.addRepresentation({ scaleFactor: 2, buffer: png2x });
          return image;
        },
      },
      {
        open: () => focusWindow(mainWindow),
        setStartAtLogin: (enabled) => {
          settings
            .update({ startAtLogin: enabled })
            .catch((error: unknown) => logger.warn('start at login not changed', errorFields(error)));
        },
        installUpdate: () => {
          const result = updates.install();
          if (!result.started)
            void dialog.showMessageBox({ type: 'info', title: 'Companion', message: result.reason });
        },
        quit: () => void quitFromTray(),
      },
      trayView(),
    );
    const refreshTray = () => tray.update(trayView());

    const shellServices: ShellServices = {
      reportShellState(state) {
        shellState = state;
        refreshTray();
      },
      popShow(card) {
        pop.show(card);
        notifier.update(card);
      },
      popHide(callId) {
        pop.hide(callId);
        notifier.close(callId);
      },
      popCurrent: () => pop.current(),
      popAct(action) {
        if (pop.current()?.callId !== action.callId) {
          logger.warn('pop action for a call no longer shown', {
            callId: action.callId,
            action: action.action,
          });
          return;
        }
        logger.info('pop action', { callId: action.callId, action: action.action });
        sendToMain('popAction', action);
      },
      openMainWindow: () => focusWindow(mainWindow),
      popDismiss: (callId) => pop.dismiss(callId),
      desktopSettings: () => settings.view(),
      updateDesktopSettings: (patch) => settings.update(patch),
      updateStatus: () => updates.status(),
      installUpdate: () => updates.install(),
      copyDiagnostic: (facts) => diagnostics.copy(facts),
    };

    registerMainApi(
      ipcMain,
      createMainApi({
        appInfo: () => ({
          version: app.getVersion(),
          platform: process.platform,
          electron: process.versions.electron ?? null,
        }),
        secrets,
        logger,
        shell: shellServices,
      }),
      createSenderCheck({
        getAppWebContents: () => ({
          main: mainWindow?.webContents ?? null,
          pop: popWindow?.webContents ?? null,
        }),
        isAppUrl,
      }),
      logger,
    );

    mainWindow = createMainWindow(entry, paths.preload, logger, { startHidden });
    const window = mainWindow;
    // Closing the window keeps Companion in the tray: calls must still pop.
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window.hide();
      if (!toldAboutTray && Notification.isSupported()) {
        toldAboutTray = true;
        new Notification({
          title: 'Companion sigue abierto',
          body: 'Las llamadas seguirán apareciendo. Para salir, use "Salir" en el icono de la bandeja.',
          silent: true,
        }).show();
      }
    });
    window.on('session-end', prepareToQuit);
    // The main window reloading or crashing forgets its calls: its pop and its state go with them.
    const forgetWindowState = () => {
      const shown = pop.current();
      if (shown) shellServices.popHide(shown.callId);
      shellState = null;
      refreshTray();
    };
    window.webContents.on('did-start-loading', forgetWindowState);
    window.webContents.on('render-process-gone', forgetWindowState);
    window.on('closed', () => {
      mainWindow = null;
    });

    settings.apply();
    updates.start();
    app.on('will-quit', () => {
      shortcut.unbindAll();
      updates.stop();
      tray.destroy();
    });
    logger.info('app started', {
      version: app.getVersion(),
      packaged: app.isPackaged,
      renderer: entry.kind,
      hidden: startHidden,
      updates: updates.status().phase,
    });
  });

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('before-quit', prepareToQuit);
  // Windows close only when quitting (they hide to the tray otherwise).
  app.on('window-all-closed', () => {
    if (quitting) app.quit();
  });
  ready.catch((error: unknown) => {
    logger.error('startup failed', errorFields(error));
    prepareToQuit();
    app.quit();
  });
  return { ready: ready.catch(() => undefined) };
}
