/**
 * The renderer's composition root: the one place that creates the app's services, wires them to
 * each other and to the store, starts them and disposes of them. Components and thunks only use
 * them (React context: servicesContext.tsx; the store's extra argument: store.ts).
 *
 * The two main paths, read from here:
 *
 * 1. INVITE → pop-up. `LineController` (features/line) keeps the agent's SIP line registered
 *    (SipLine → LineSupervisor, our reconnection with the shared backoff). An INVITE becomes a
 *    `Call` (features/call) that `startTelephony` puts in the `CallRegistry` and, as a snapshot,
 *    in the store's `call` slice — then `onIncomingCall` below dispatches `popForIncomingCall`
 *    (features/popup/incomingCall.ts): the caller id's look-ups run on the local directory copy
 *    (`search` over `directory.reader`), and one customer opens his block pop-ups
 *    (shared/blocks/popupPlan.ts → popupSlice → PopupDialog), several open a picker, none the
 *    search. The call's buttons act through `calls` (features/call/callCommands.ts).
 *    The desktop shell (features/shell) follows the same store: in Electron it shows the
 *    always-on-top pop window's card and passes its Contestar / Rechazar / Transferir back to
 *    `calls` (the transfer through `collections`, which queues a collections form on screen
 *    first, as option 2 of that pop-up does); in web mode a hidden tab gets a notification and
 *    a flashing title. No timer stands in that path, and nothing the agent does not see: the call
 *    log's write of a ringing call waits until its pop-up is painted (PopFirst, afterPaint.ts), and
 *    start() runs the path once beforehand (features/popup/warmUp.ts), so the first call pops as
 *    fast as the next ones.
 *
 * 2. Form → server → mail. A pop-up form (features/popup/BlockForm.tsx) is validated with the
 *    shared schema and queued by `outbox.queueSubmission` in IndexedDB ("pendiente"). The
 *    `OutboxSender` (features/sync) in the one window holding the sender lock drains the queue in
 *    batches through `backOffice.postBatch` (POST /forms/batch) with `session`'s token, backing
 *    off while the back office fails. The server stores each form once by its id and queues its
 *    mail in the same statement (server/src/forms/intake.ts); its mail worker sends it
 *    (server/src/mail/worker.ts). The verdicts come back into the outbox ("enviado",
 *    "rechazado" with the reason, editable). The same sender drains the call log: `callLog`
 *    queues every finished call ("pendiente") and `callsUploadQueue` (uploadQueues.ts) sends it to
 *    POST /calls/batch, idempotent per agent and call id; `callLogRetention` prunes what the back
 *    office already has.
 */
import { createBackOfficeClient, type BackOfficeClient } from '../backoffice/client';
import { CompanionDb } from '../db/db';
import { createBoardServices, type BoardServices } from '../features/board';
import { CallRegistry, createCallCommands, Ringer, type CallCommands } from '../features/call';
import { CallLog, CallLogRetention } from '../features/calllog';
import { canOpenEscalations, createCasesApi, EscalationCount, type CasesApi } from '../features/cases';
import {
  LocalDirectory,
  refreshCustomerCount,
  startDirectorySync,
  type DirectorySyncHandle,
  type DirectoryTuning,
} from '../features/directory';
import { LineController, type LineControl, type LineControllerDeps } from '../features/line';
import { createRecentCases, OutboxRepository, type RecentCasesOf } from '../features/outbox';
import {
  backOfficeCustomerCases,
  CollectionsTransfer,
  popForIncomingCall,
  warmUpPopPath,
  type CustomerCasesSource,
} from '../features/popup';
import { createCustomerSearch, type CustomerSearch } from '../features/search';
import { SessionService, SessionStore } from '../features/session';
import { LineSettingsStore } from '../features/settings';
import { copyDiagnostic, createDesktopShell, createWebAttention } from '../features/shell';
import { OutboxSender, type SyncTuning } from '../features/sync';
import { TicketCache, backOfficeTicketFetcher } from '../features/tickets';
import type { Platform } from '../platform';
import { PopFirst } from './afterPaint';
import { forgetReplacedSample, seedDemoData, type DemoSample } from './demoData';
import { diagnosticFactsOf, popSourceOf } from './shellViews';
import { createStore, type AppStore } from './store';
import { callsUploadQueue, formsUploadQueue } from './uploadQueues';

/** What the UI uses: each one a typed interface, none of them started by a component. */
export interface AppServices {
  platform: Platform;
  backOffice: BackOfficeClient;
  session: SessionService;
  outbox: OutboxRepository;
  /** The outbox sender, as the UI drives it ("Reintentar central"). */
  sender: Pick<OutboxSender, 'retryNow'>;
  directory: LocalDirectory;
  search: CustomerSearch;
  callLog: CallLog;
  /** How long the call history is kept ("Configuración"), and its pruning. */
  callLogRetention: Pick<CallLogRetention, 'days' | 'setDays'>;
  /** Customers' tickets, fetched when a card or pop-up opens and kept for offline use. */
  tickets: TicketCache;
  /** What the back office is doing with a customer's cases (the pop-up and the customer card). */
  customerCases: CustomerCasesSource;
  /** The agent's line ("Configuración", "Reintentar línea"). */
  line: LineControl;
  /** What the call buttons do, by call id. */
  calls: CallCommands;
  /** A customer's cases of the last hours, here and (when it answers) at the back office: the duplicate guard. */
  recentCases: RecentCasesOf;
  /** The directory's downloads as the agent steers them (a held snapshot replaced on request). */
  directoryUpdates: { replaceWithServer(): void };
  /** The collections step offers its form here while on screen (the pop window's transfer queues it). */
  collections: Pick<CollectionsTransfer, 'offer'>;
  /** "Copiar diagnóstico": the support text on the clipboard, never a password or token in it. */
  diagnostic: { copy(): Promise<string> };
  /** The supervisors' board (its screen is a chunk of its own, loaded only for their roles). */
  board: BoardServices;
  /** The back office's cases and escalations inbox (screens loaded only for back-office roles). */
  cases: CasesApi;
  /** Open escalations next to the «Escalamientos» entry, live while an account that sees them is signed in. */
  escalationCount: EscalationCount;
}

export interface AppConfig {
  platform: Platform;
  sync: SyncTuning;
  directorySync: DirectoryTuning;
  /**
   * Demo mode (demoMode.ts): null where the build ships no sample (production Electron); else
   * whether this run wants it, and the sample itself (loaded only then).
   */
  demo: { wanted(): Promise<boolean>; sample(): Promise<DemoSample> } | null;
  /** The directory writer's worker; null runs it on the UI thread. */
  createDirectoryWorker: () => Worker | null;
  /** Default: a database of its own, closed by dispose(). */
  db?: CompanionDb;
  /** Tests inject a fake line (default: sip.js) and a silent ringer. */
  createLine?: LineControllerDeps['createLine'];
  ringer?: Pick<Ringer, 'update' | 'prepare'> | null;
  window?: Window;
}

export interface CompanionApp {
  store: AppStore;
  services: AppServices;
  /**
   * Starts the desktop shell, the line, the directory sync and the outbox sender; resolves once the
   * directory is counted.
   */
  start(): Promise<void>;
  /** Stops everything start() started (the line unregisters, the sender lock is released). */
  dispose(): Promise<void>;
}

export function createApp(config: AppConfig): CompanionApp {
  const { platform } = config;
  const db = config.db ?? new CompanionDb();
  const win = config.window ?? window;

  // Every answer (or silence) of the back office also tells the connection banner (set once the
  // sender exists: it owns the reachability monitor).
  let reportAnswer: (answered: boolean) => void = () => undefined;
  const backOffice = createBackOfficeClient({
    timeoutMs: config.sync.timeoutMs,
    onAnswer: (answered) => reportAnswer(answered),
  });
  const sessionStore = new SessionStore(platform);
  const lineSettings = new LineSettingsStore(platform);
  const session = new SessionService({
    store: sessionStore,
    api: backOffice,
    envDefaults: () => platform.envDefaults(),
  });
  const outbox = new OutboxRepository(db, () => session.signedInAgent());
  const directory = new LocalDirectory(db, config.createDirectoryWorker);
  const search = createCustomerSearch(directory.reader);
  // A ringing call's log entry is written once its pop-up is painted: the pop-up goes first (bench:pop).
  const popFirst = new PopFirst(win);
  const callLog = new CallLog(
    db,
    (callId) => popFirst.after(callId),
    () => session.signedInAgent(),
  );
  const callLogRetention = new CallLogRetention(db, callLog, (error) =>
    platform.log('warn', 'call log pruning failed', { error: String(error) }),
  );
  const tickets = new TicketCache(
    db,
    backOfficeTicketFetcher({
      credentials: () => session.activeCredentials(),
      customerTickets: (serverUrl, token, code) => backOffice.customerTickets(serverUrl, token, code),
    }),
  );
  const registry = new CallRegistry();
  const ringer = config.ringer === undefined ? new Ringer() : config.ringer;

  // The features' thunks reach these through the store's extra argument.
  const store = createStore({ directory, search, callLog, tickets, log: platform.log });

  const line = new LineController({
    dispatch: store.dispatch,
    settings: lineSettings,
    registry,
    callLog: (call, telecobranzasNumber) => callLog.recordCall(call, telecobranzasNumber),
    ringer,
    afterPop: (callId, work) => void popFirst.after(callId).then(work),
    createLine: config.createLine,
    onIncomingCall: (callerId, callId) => {
      const popped = store.dispatch(popForIncomingCall({ callerId, callId })).then((action) => {
        if (action.meta.requestStatus === 'rejected')
          platform.log('error', 'pop-up for incoming call failed', {
            callId,
            error: String('error' in action ? action.error.message : ''),
          });
      });
      popFirst.popping(callId, popped);
    },
  });
  const calls = createCallCommands(registry, () => line.current());
  const collections = new CollectionsTransfer({
    calls,
    telecobranzasNumber: () => store.getState().settings.line.telecobranzasNumber,
  });
  // The pop window and tray (Electron) or the notification and tab title (web mode).
  const shell = createDesktopShell({
    source: {
      get: () => popSourceOf(store.getState(), collections.callsWithForm()),
      subscribe: (listener) => {
        const offs = [store.subscribe(listener), collections.subscribe(listener)];
        return () => offs.forEach((off) => off());
      },
    },
    queuedForms: {
      // Only the tray shows it: web mode has no tray and does not pay for a live count.
      subscribe: (listener) =>
        platform.desktop
          ? outbox.watchPendingCount(listener, (error) =>
              platform.log('warn', 'queue count for the tray failed', { error: String(error) }),
            )
          : () => undefined,
    },
    commands: {
      answer: (callId) => calls.answer(callId),
      reject: (callId) => calls.reject(callId),
      transfer: (callId) => collections.transfer(callId),
    },
    desktop: platform.desktop,
    attention:
      platform.kind === 'web'
        ? createWebAttention({ document: win.document, window: win, Notification: globalThis.Notification })
        : null,
    log: (level, message, fields) => platform.log(level, message, fields),
  });
  const diagnostic = {
    copy: async () =>
      copyDiagnostic(
        diagnosticFactsOf(store.getState(), await outbox.queueStats(), win.navigator.userAgent),
        {
          desktop: platform.desktop,
          appInfo: () => platform.appInfo(),
          recentLogLines: () => platform.recentLogLines(),
          // Scrubbed from the text by value: the SIP password, the token, the kiosk's password.
          knownSecrets: async () =>
            [
              (await lineSettings.load()).password,
              await sessionStore.readToken(),
              (await platform.envDefaults()).password,
            ].filter((secret): secret is string => !!secret),
          writeClipboard: (text) => win.navigator.clipboard.writeText(text),
        },
      ),
  };
  // One sender for both queues: the forms, and every finished call of the log (POST /calls/batch).
  const sender = new OutboxSender({
    dispatch: store.dispatch,
    queues: [formsUploadQueue(outbox), callsUploadQueue(callLog, () => session.signedInAgent())],
    session,
    api: backOffice,
    tuning: config.sync,
    log: platform.log,
    window: win,
  });
  reportAnswer = (answered) => sender.reportAnswer(answered);

  const board = createBoardServices({
    backOffice,
    credentials: () => session.activeCredentials(),
    db,
  });

  const customerCases = backOfficeCustomerCases({
    backOffice,
    credentials: () => session.activeCredentials(),
  });
  const cases = createCasesApi({
    backOffice,
    credentials: () => session.activeCredentials(),
    onUnauthorized: (message, token) => void session.markExpired(message, token),
  });

  // Live through the board's event stream (an escalation change is announced there, migration 009).
  const escalationCount = new EscalationCount({
    fetchOpen: async () => (await cases.escalations({ status: 'open', limit: 1 })).counts.open,
    listen: (handlers) => board.listen(handlers),
  });
  let escalationsOf: string | null = null;
  /** Counts for the signed-in account when it sees the inbox; another account starts over. */
  const followEscalations = () => {
    const current = session.current();
    const who =
      current?.state === 'active' && canOpenEscalations(current.role)
        ? `${current.serverUrl} ${current.username}`
        : null;
    if (who === escalationsOf) return;
    escalationsOf = who;
    escalationCount.stop();
    if (who) escalationCount.start();
  };
  let stopFollowingEscalations = () => {};

  const services: AppServices = {
    platform,
    backOffice,
    session,
    outbox,
    sender,
    directory,
    search,
    callLog,
    callLogRetention,
    tickets,
    customerCases,
    line,
    calls,
    recentCases: createRecentCases({
      outbox,
      credentials: () => session.activeCredentials(),
      api: backOffice,
    }),
    directoryUpdates: { replaceWithServer: () => directorySync?.sync.syncNow({ replace: true }) },
    collections,
    diagnostic,
    board,
    cases,
    escalationCount,
  };

  let directorySync: DirectorySyncHandle | null = null;
  let stopForgettingSample = () => {};
  let started = false;

  const start = async (): Promise<void> => {
    if (started) return;
    started = true;
    shell.start();
    directory.start();
    // Before the line takes a call: what a crash left open is closed as «interrumpida».
    void callLog
      .closeInterrupted(Date.now())
      .then((closed) => {
        if (closed > 0)
          platform.log('info', 'calls left open by the last run closed as interrupted', { closed });
      })
      .catch((error: unknown) =>
        platform.log('error', 'interrupted calls not closed', { error: String(error) }),
      );
    void line
      .startSaved()
      .catch((error: unknown) => platform.log('error', 'line not started', { error: String(error) }));
    const { demo } = config;
    const directoryReady = (async () => {
      await directory.migrateLegacy();
      if (demo && (await demo.wanted())) await seedDemoData(db, directory, () => demo.sample());
      await forgetReplacedSample(db, directory);
      // In the background: a copy of an older layout gets its street and name indexes.
      void directory
        .upgradeLayout()
        .catch((error: unknown) =>
          platform.log('error', 'directory layout not upgraded', { error: String(error) }),
        );
    })().catch((error: unknown) => platform.log('error', 'directory not prepared', { error: String(error) }));
    stopForgettingSample = directory.onChanged(
      () => void forgetReplacedSample(db, directory).catch(() => undefined),
    );
    directorySync = startDirectorySync({
      db,
      directory,
      dispatch: store.dispatch,
      connection: {
        credentials: () => session.activeCredentials(),
        onUnauthorized: (message, token) => void session.markExpired(message, token),
      },
      onSessionChange: (listener) => session.onChange(listener),
      onBackOfficeReachable: (listener) => {
        // The outbox's health probe (navigator.onLine lies) says when the back office answers again.
        let reachable = store.getState().sync.reachability === 'online';
        return store.subscribe(() => {
          const now = store.getState().sync.reachability === 'online';
          if (now && !reachable) listener();
          reachable = now;
        });
      },
      tuning: config.directorySync,
      log: platform.log,
      window: win,
    });
    sender.start();
    callLogRetention.start();
    followEscalations();
    const stopOnChange = session.onChange(followEscalations);
    const stopOnOther = session.onOtherWindowChange(followEscalations);
    stopFollowingEscalations = () => {
      stopOnChange();
      stopOnOther();
      escalationCount.stop();
    };
    await directoryReady;
    await store.dispatch(refreshCustomerCount());
    // Warm the pop path while no call rings, so the first call pops as fast as the others.
    ringer?.prepare();
    void warmUpPopPath(search).catch((error: unknown) =>
      platform.log('warn', 'pop path not warmed up', { error: String(error) }),
    );
  };

  const dispose = async (): Promise<void> => {
    shell.dispose();
    board.close();
    stopFollowingEscalations();
    sender.dispose();
    callLogRetention.dispose();
    stopForgettingSample();
    directorySync?.dispose();
    directory.dispose();
    await line.dispose();
    await callLog.settled();
    if (!config.db) db.close();
  };

  return { store, services, start, dispose };
}
