import type { Dispatch } from '@reduxjs/toolkit';
import type { CallerId } from '../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { CallRegistry, DialingLine } from '../call';
import {
  lineSettingsApplied,
  lineSettingsProblem,
  type LineSettings,
  type LineSettingsStore,
} from '../settings';
import {
  dialingLineOf,
  startTelephony,
  type CallLogWriter,
  type CreateLine,
  type TelephonyAdapterOptions,
  type TelephonyHandle,
} from './telephonyAdapter';

/** The agent's line as the UI drives it ("Configuración", "Reintentar línea"). */
export interface LineControl {
  /** (Re)starts the line with these settings. Returns a Spanish problem, or null when started. */
  applySettings(settings: LineSettings, newPassword: string | null): Promise<string | null>;
  /** Skips the wait of an offline line or one whose credentials were rejected. */
  retryNow(): void;
}

export interface LineControllerDeps {
  dispatch: Dispatch;
  settings: LineSettingsStore;
  registry: CallRegistry;
  callLog: CallLogWriter | null;
  ringer?: TelephonyAdapterOptions['ringer'];
  /** A call started ringing (already in the store): pop the customer. */
  onIncomingCall(callerId: CallerId, callId: string): void;
  onCallEnded?(call: CallSnapshot): void;
  /** See TelephonyAdapterOptions.afterPop. */
  afterPop?: TelephonyAdapterOptions['afterPop'];
  /** Tests inject a fake line here (default: SipLine over sip.js, loaded when the line first starts). */
  createLine?: CreateLine;
  /** Tests replace how SipLine (and sip.js with it) is loaded. */
  loadSipLine?: () => Promise<CreateLine>;
}

async function loadSipLine(): Promise<CreateLine> {
  const { SipLine } = await import('./SipLine');
  return (config, delegate) => new SipLine(config, delegate);
}

/**
 * Keeps track of the one running line (there is never more than one): starts it from the saved
 * settings, restarts it when the agent changes them, stops it with the app. The call commands
 * reach the running line through `current()`.
 */
export class LineController implements LineControl {
  private handle: TelephonyHandle | null = null;
  /** The settings last applied (the object the settings slice holds). */
  private applied: LineSettings | null = null;
  private disposed = false;
  /** Counts starts: a start overtaken by a newer one (or by dispose) while sip.js loads gives up. */
  private generation = 0;
  private loading: Promise<CreateLine> | null = null;

  constructor(private readonly deps: LineControllerDeps) {}

  /** At start-up: the saved line (or the operator's defaults) goes live at once. */
  async startSaved(): Promise<void> {
    const { settings, password } = await this.deps.settings.load();
    await this.start(settings, password);
  }

  async applySettings(settings: LineSettings, newPassword: string | null): Promise<string | null> {
    // Unchanged settings stay unsaved, so the operator's defaults keep applying to them.
    if (newPassword !== null || settings !== this.applied)
      await this.deps.settings.save(settings, newPassword);
    const { password } = await this.deps.settings.load();
    return this.start(settings, password);
  }

  retryNow(): void {
    this.handle?.line.retryNow();
  }

  /** The running line for the call commands; null while none runs. */
  current(): DialingLine | null {
    return this.handle ? dialingLineOf(this.handle) : null;
  }

  /** Unregisters and stops the line. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stopCurrent();
  }

  private async stopCurrent(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.stop();
  }

  /**
   * sip.js (a fifth of the app) is not part of the desk's first paint: its chunk loads when the
   * line first starts, while the desk is already on screen. Loaded once; a failed load is tried
   * again by the next start (settings saved, or the next launch).
   */
  private lineFactory(): Promise<CreateLine> {
    if (this.deps.createLine) return Promise.resolve(this.deps.createLine);
    this.loading ??= (this.deps.loadSipLine ?? loadSipLine)().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async start(settings: LineSettings, password: string): Promise<string | null> {
    const generation = ++this.generation;
    const problem = lineSettingsProblem(settings, password);
    this.applied = settings;
    this.deps.dispatch(lineSettingsApplied({ line: settings, problem }));
    await this.stopCurrent();
    if (problem || this.disposed) return problem;
    let createLine: CreateLine;
    try {
      createLine = await this.lineFactory();
    } catch {
      if (generation !== this.generation || this.disposed) return null;
      const failed =
        'No se pudo cargar la telefonía de Companion: guarde la configuración para reintentar o reinicie la aplicación.';
      this.deps.dispatch(lineSettingsApplied({ line: settings, problem: failed }));
      return failed;
    }
    if (generation !== this.generation || this.disposed) return null;
    this.handle = startTelephony(
      {
        server: settings.sipWs,
        uri: settings.sipUri,
        password,
        ivrHeader: settings.ivrHeader,
        companionMode: settings.companionMode,
        telecobranzasNumber: settings.telecobranzasNumber,
      },
      {
        dispatch: this.deps.dispatch,
        registry: this.deps.registry,
        callLog: this.deps.callLog,
        ringer: this.deps.ringer,
        onIncomingCall: this.deps.onIncomingCall,
        onCallEnded: this.deps.onCallEnded,
        afterPop: this.deps.afterPop,
        createLine,
      },
    );
    return null;
  }
}
