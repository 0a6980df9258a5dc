/**
 * The one contract between Electron's main process and the renderer. Written once: the preload
 * builds its bridge from `MAIN_CHANNELS` and `MAIN_EVENTS`, main registers its handlers against
 * `MainApi`, and both derive argument and result types from these interfaces (as Signal Desktop does
 * with `Parameters<>`). Payload schemas (zod) live in ./schemas.ts so the sandboxed preload bundle
 * stays small.
 */
import type { DiagnosticFacts } from '../diagnostics/diagnostic';
import type { CallPhase } from '../telephony/callState';
import type { LineStatus } from '../telephony/lineState';

export interface AppInfo {
  version: string;
  platform: string;
  electron: string | null;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the tray shows and the updater respects; the main window reports it whenever it changes. */
export interface ShellState {
  line: LineStatus;
  /** The status line's own words ("En línea", "Sin conexión — reintentando en 4 s"). */
  lineLabel: string;
  /** Forms in the local queue that the back office does not have yet. */
  queuedForms: number;
  /** A call rings, is talked on, held or being transferred: the app never restarts now. */
  inCall: boolean;
}

/** The pop-up window's card: one call and who it is, drawn by the pop window, owned by the main one. */
export interface PopCard {
  callId: string;
  phase: CallPhase;
  /** The number as the agent reads it ("+56 9 8765 4321"), or "Número oculto". */
  callerLabel: string;
  customerName: string | null;
  customerCode: string | null;
  /** Block badges, in the order the pop-up sequence shows them ("Z1 — Cobranza"). */
  blocks: string[];
  /** Several directory records share the number: the agent picks one in the main window. */
  candidates: number;
  /**
   * The directory look-up for this call has finished (customer, several or none). Until then the
   * card shows the number only; notifications wait for it, so they name the customer.
   */
  identified: boolean;
  /** Contestar / Rechazar apply (false in companion mode: another device answers). */
  canAnswer: boolean;
  /** Transfer to Telecobranzas is possible now (the call is connected and the line is up). */
  canTransfer: boolean;
  /**
   * The main window shows this call's collections form: the transfer queues it first and carries
   * its id as the case, as option 2 of the collections pop-up does.
   */
  transferQueuesForm: boolean;
  /** Feedback for the last action ("Transfiriendo…", "No se pudo transferir: …"). */
  notice: string | null;
}

/** What the agent pressed in the pop window; the main window (which owns the call) carries it out. */
export type PopActionKind = 'answer' | 'reject' | 'transfer';

export interface PopAction {
  callId: string;
  action: PopActionKind;
}

export type UpdatePhase = 'disabled' | 'idle' | 'checking' | 'downloading' | 'ready' | 'installing' | 'error';

export interface UpdateStatus {
  phase: UpdatePhase;
  /** The version being downloaded or ready to install. */
  version: string | null;
  /** Download progress 0–100 while downloading. */
  percent: number | null;
  /** One Spanish sentence for the agent. */
  message: string;
}

export type UpdateInstallResult = { started: true } | { started: false; reason: string };

/** Desktop settings as the agent's Configuración shows them. */
export interface DesktopSettings {
  /** Electron accelerator that brings the pop-up to the front ("Control+Alt+Space"). */
  popShortcut: string;
  /** Why the shortcut is not active (taken by another program, not valid), or null. */
  popShortcutProblem: string | null;
  startAtLogin: boolean;
  /** Set by the operator (companion.json); null: updates are off on this PC. */
  updateUrl: string | null;
  /** Where external links may go, set by the operator. */
  externalLinks: string[];
  /** The settings file is damaged: defaults are in use and nothing is written until support looks. */
  problem: string | null;
}

export interface DesktopSettingsPatch {
  popShortcut?: string;
  startAtLogin?: boolean;
}

export interface MainApi {
  getAppInfo(): Promise<AppInfo>;
  /** Secrets (back-office token, SIP password) kept with Electron safeStorage. */
  secretSet(key: string, value: string): Promise<void>;
  secretGet(key: string): Promise<string | null>;
  secretDelete(key: string): Promise<void>;
  /** Operator log line from the renderer into the main process log. */
  log(
    level: LogLevel,
    message: string,
    fields: Record<string, string | number | boolean | null>,
  ): Promise<void>;
  /** Line, queue and call state for the tray and the updater. */
  reportShellState(state: ShellState): Promise<void>;
  /** Shows (or refreshes) the always-on-top pop window for this call, without taking focus. */
  popShow(card: PopCard): Promise<void>;
  /** Hides the pop window if it shows this call. */
  popHide(callId: string): Promise<void>;
  /** The pop window asks what to draw (after a reload). */
  popCurrent(): Promise<PopCard | null>;
  /** The pop window passes on the agent's Contestar / Rechazar / Transferir. */
  popAct(action: PopAction): Promise<void>;
  /** The pop window's "Abrir ficha": the main window comes to the front. */
  popOpenMain(): Promise<void>;
  /** The pop window's "Ocultar": out of the way for this call (the shortcut brings it back). */
  popDismiss(callId: string): Promise<void>;
  desktopSettingsGet(): Promise<DesktopSettings>;
  desktopSettingsSet(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
  updateStatus(): Promise<UpdateStatus>;
  /** Restarts into the downloaded update; refused during a call. */
  updateInstall(): Promise<UpdateInstallResult>;
  /** Builds the support diagnostic (no secrets), puts it on the clipboard and returns it. */
  diagnosticCopy(facts: DiagnosticFacts): Promise<string>;
}

export type MainApiMethod = keyof MainApi;
export type MainApiArgs<M extends MainApiMethod> = Parameters<MainApi[M]>;
export type MainApiResult<M extends MainApiMethod> = Awaited<ReturnType<MainApi[M]>>;

export const MAIN_CHANNELS = {
  getAppInfo: 'companion:app:get-info',
  secretSet: 'companion:secret:set',
  secretGet: 'companion:secret:get',
  secretDelete: 'companion:secret:delete',
  log: 'companion:log',
  reportShellState: 'companion:shell:report-state',
  popShow: 'companion:pop:show',
  popHide: 'companion:pop:hide',
  popCurrent: 'companion:pop:current',
  popAct: 'companion:pop:act',
  popOpenMain: 'companion:pop:open-main',
  popDismiss: 'companion:pop:dismiss',
  desktopSettingsGet: 'companion:settings:get',
  desktopSettingsSet: 'companion:settings:set',
  updateStatus: 'companion:update:status',
  updateInstall: 'companion:update:install',
  diagnosticCopy: 'companion:diagnostic:copy',
} as const satisfies Record<MainApiMethod, string>;

/**
 * The app's two windows. The main window owns the line, the calls and the secrets; the pop window
 * only draws a card and passes on three buttons, so a fault in it can reach nothing else.
 */
export type WindowRole = 'main' | 'pop';

export const MAIN_API_CALLERS = {
  getAppInfo: ['main', 'pop'],
  secretSet: ['main'],
  secretGet: ['main'],
  secretDelete: ['main'],
  log: ['main', 'pop'],
  reportShellState: ['main'],
  popShow: ['main'],
  popHide: ['main'],
  popCurrent: ['pop'],
  popAct: ['pop'],
  popOpenMain: ['pop'],
  popDismiss: ['pop'],
  desktopSettingsGet: ['main'],
  desktopSettingsSet: ['main'],
  updateStatus: ['main'],
  updateInstall: ['main'],
  diagnosticCopy: ['main'],
} as const satisfies Record<MainApiMethod, readonly WindowRole[]>;

/** Messages main pushes to a window (never the other way: renderers only invoke). */
export interface MainEvents {
  /** To the pop window: the card to draw, or null to clear it. */
  popCard: PopCard | null;
  /** To the main window: the agent pressed a button in the pop window. */
  popAction: PopAction;
  /** To the main window: the updater's state changed. */
  updateStatus: UpdateStatus;
}

export type MainEventName = keyof MainEvents;

export const MAIN_EVENTS = {
  popCard: 'companion:event:pop-card',
  popAction: 'companion:event:pop-action',
  updateStatus: 'companion:event:update-status',
} as const satisfies Record<MainEventName, string>;

/** What the preload exposes: the contract methods plus a subscription to main's events. */
export type RendererBridge = MainApi & {
  on<E extends MainEventName>(event: E, listener: (payload: MainEvents[E]) => void): () => void;
};

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_KEY = 'companion';
