import { z } from 'zod';
import type { BrowserWindow } from 'electron';
import { MAIN_EVENTS, type PopCard } from '../shared/ipc/contract';
import type { JsonStore } from './jsonStore';
import { errorFields, type Logger } from './logger';
import { displayAtPoint, placePop, rememberPlace, type DisplayInfo, type SavedPlaces } from './popPlacement';

export const POP_SIZE = { width: 400, height: 260 } as const;

/** The window options of the pop-up: small, on top of every program, hidden until a call. */
export const POP_WINDOW_OPTIONS = {
  title: 'Companion — Llamada',
  width: POP_SIZE.width,
  height: POP_SIZE.height,
  show: false,
  frame: false,
  resizable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  alwaysOnTop: true,
  // Its own taskbar button, so the flash is seen even with the main window in the tray.
  skipTaskbar: false,
  backgroundColor: '#ffffff',
} as const;

export interface ScreenPort {
  getAllDisplays(): DisplayInfo[];
  getCursorScreenPoint(): { x: number; y: number };
}

export interface PopWindowController {
  /** Shows the card without taking the keyboard from the agent's other program. */
  show(card: PopCard): void;
  /** Hides the window if it shows this call (the call is over). */
  hide(callId: string): void;
  /** The agent put it away: updates of this call no longer bring it up; the shortcut does. */
  dismiss(callId: string): void;
  current(): PopCard | null;
  /** Global shortcut: brings the pop to the front with focus. False when there is no call to show. */
  bringToFront(): boolean;
  isVisible(): boolean;
}

export function createPopWindowController(deps: {
  window: BrowserWindow;
  screen: ScreenPort;
  places: JsonStore<SavedPlaces>;
  isQuitting: () => boolean;
  logger: Logger;
}): PopWindowController {
  const { window, screen, places, logger } = deps;
  let card: PopCard | null = null;
  let dismissed: string | null = null;

  const send = () => {
    if (!window.isDestroyed()) window.webContents.send(MAIN_EVENTS.popCard, card);
  };

  const position = () => {
    const displays = screen.getAllDisplays();
    const display = displayAtPoint(screen.getCursorScreenPoint(), displays);
    if (display) window.setBounds(placePop(POP_SIZE, display, places.get()));
  };

  const reveal = (withFocus: boolean) => {
    if (window.isDestroyed()) return;
    if (!window.isVisible()) position();
    // 'screen-saver' keeps it above full-screen and "always on top" windows of other programs.
    window.setAlwaysOnTop(true, 'screen-saver');
    if (withFocus) {
      window.show();
      window.focus();
    } else {
      window.showInactive();
    }
  };

  // Alt+F4 or a crash of the page must not lose the window prepared at start: hide instead.
  window.on('close', (event) => {
    if (deps.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.on('focus', () => window.flashFrame(false));
  window.on('moved', () => {
    const saved = rememberPlace(window.getBounds(), screen.getAllDisplays());
    if (!saved) return;
    places
      .update((current) => ({ ...current, [saved.key]: saved.place }))
      .catch((error: unknown) => logger.warn('pop window place not saved', errorFields(error)));
  });

  return {
    show(next) {
      const isNewCall = card?.callId !== next.callId || !window.isVisible();
      card = next;
      send();
      if (dismissed === next.callId) return;
      dismissed = null;
      if (isNewCall) {
        reveal(false);
        logger.info('pop window shown', { callId: next.callId, phase: next.phase });
      }
      // The taskbar button flashes while it rings, and stops once answered.
      window.flashFrame(next.phase === 'ringing');
    },
    hide(callId) {
      if (card?.callId !== callId) return;
      card = null;
      send();
      window.flashFrame(false);
      if (!window.isDestroyed()) window.hide();
    },
    dismiss(callId) {
      if (card?.callId !== callId) return;
      dismissed = callId;
      window.flashFrame(false);
      if (!window.isDestroyed()) window.hide();
    },
    current: () => card,
    bringToFront() {
      if (!card) return false;
      dismissed = null;
      reveal(true);
      return true;
    },
    isVisible: () => !window.isDestroyed() && window.isVisible(),
  };
}

export const SAVED_PLACES_SCHEMA: z.ZodType<SavedPlaces> = z.record(
  z.string().max(100),
  z.object({
    dx: z.number().int().min(-100_000).max(100_000),
    dy: z.number().int().min(-100_000).max(100_000),
  }),
);
