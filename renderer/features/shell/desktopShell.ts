import type { PopAction, PopCard, RendererBridge, ShellState } from '../../../shared/ipc/contract';
import { popCardFor, shellStateFor, type PopSource } from './popCard';
import type { WebAttention } from './webAttention';

/** The part of the preload bridge the shell service uses (Electron only). */
export type DesktopPort = Pick<RendererBridge, 'popShow' | 'popHide' | 'reportShellState' | 'on'>;

export interface ShellCommands {
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  /**
   * "Transferir a Telecobranzas", as option 2 of the collections pop-up: a collections form on
   * screen for this call is queued first and its id travels as the case (features/popup).
   */
  transfer(callId: string): Promise<{ ok: boolean; reason?: string }>;
}

export interface DesktopShellDeps {
  /** The store (and the collections form on screen), read through what the pop card needs. */
  source: { get(): PopSource; subscribe(listener: () => void): () => void };
  /** Forms waiting for the back office: a live count, subscribed to by start(). */
  queuedForms: { subscribe(listener: (count: number) => void): () => void };
  commands: ShellCommands;
  /** Electron: pop window, tray. Null in web mode. */
  desktop: DesktopPort | null;
  /** Web mode: notification and tab title. Null in Electron (main notifies). */
  attention: WebAttention | null;
  log(
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, string | number | boolean | null>,
  ): void;
}

export interface DesktopShell {
  /** Listens to the store, the queue and the pop window's buttons; draws the current state at once. */
  start(): void;
  /** Stops listening (the pop card stays as main last saw it: main hides it when this window goes). */
  dispose(): void;
}

/**
 * Keeps the desktop around the main window in step with its calls: the pop window's card (and
 * its buttons acting on the call), the tray's line and queue, and in web mode the browser
 * notification and tab title. Runs on store changes only: no timer stands between an INVITE and
 * the pop. Made by the composition root (renderer/app/services.ts); nothing runs before start().
 */
export function createDesktopShell(deps: DesktopShellDeps): DesktopShell {
  let queued = 0;
  let notice: { callId: string; text: string } | null = null;
  let shownCard: PopCard | null = null;
  let lastCardJson = 'null';
  let lastStateJson = '';

  const fail = (what: string) => (error: unknown) =>
    deps.log('warn', `desktop shell: ${what} failed`, { error: String(error) });

  const sync = () => {
    const source = deps.source.get();
    const card = popCardFor(source, null);
    const withNotice = card && notice?.callId === card.callId ? { ...card, notice: notice.text } : card;
    const cardJson = JSON.stringify(withNotice);
    if (cardJson !== lastCardJson) {
      lastCardJson = cardJson;
      if (withNotice) void deps.desktop?.popShow(withNotice).catch(fail('pop show'));
      else if (shownCard) void deps.desktop?.popHide(shownCard.callId).catch(fail('pop hide'));
      shownCard = withNotice;
      deps.attention?.update(withNotice);
    }
    const state: ShellState = shellStateFor(source.line, source.calls, queued);
    const stateJson = JSON.stringify(state);
    if (stateJson !== lastStateJson) {
      lastStateJson = stateJson;
      void deps.desktop?.reportShellState(state).catch(fail('shell state'));
    }
  };

  const act = async ({ callId, action }: PopAction) => {
    if (shownCard?.callId !== callId) return;
    deps.log('info', 'pop window action', { callId, action });
    try {
      if (action === 'answer') await deps.commands.answer(callId);
      else if (action === 'reject') await deps.commands.reject(callId);
      else {
        const result = await deps.commands.transfer(callId);
        notice = result.ok
          ? null
          : { callId, text: `No se pudo transferir: ${result.reason ?? 'sin respuesta'}` };
      }
    } catch (error) {
      notice = { callId, text: 'No se pudo completar la acción; use la ventana principal.' };
      fail(`pop ${action}`)(error);
    }
    // The card goes again even when unchanged: the pop window keeps its buttons disabled until then.
    lastCardJson = '';
    sync();
  };

  const unsubscribers: Array<() => void> = [];
  let running = false;

  return {
    start() {
      if (running) return;
      running = true;
      deps.attention?.start();
      unsubscribers.push(
        deps.source.subscribe(sync),
        deps.queuedForms.subscribe((count) => {
          queued = count;
          sync();
        }),
      );
      if (deps.desktop) unsubscribers.push(deps.desktop.on('popAction', (action) => void act(action)));
      sync();
    },
    dispose() {
      if (!running) return;
      running = false;
      for (const off of unsubscribers.splice(0)) off();
      deps.attention?.dispose();
    },
  };
}
