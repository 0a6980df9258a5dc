import type { PopCard } from '../../../shared/ipc/contract';

/**
 * Web mode's way to reach an agent who is in another tab or program: the browser's desktop
 * notification and a flashing tab title, while a call rings and the tab is hidden. Started from the
 * INVITE without any timer (only the title's blinking uses one), so a throttled background tab
 * does not delay it.
 */
export interface WebAttention {
  /** Starts listening to the tab's visibility and to the first click (permission). */
  start(): void;
  update(card: PopCard | null): void;
  dispose(): void;
}

type NotificationCtor = {
  new (title: string, options?: NotificationOptions): Notification;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
};

export const TITLE_BLINK_MS = 1000;

function whoCalls(card: PopCard): string {
  if (card.customerName) return card.customerName;
  if (card.candidates > 1) return `${card.candidates} clientes con este número`;
  return card.callerLabel;
}

export function createWebAttention(deps: {
  document: Document;
  window: Pick<
    Window,
    'focus' | 'addEventListener' | 'removeEventListener' | 'setInterval' | 'clearInterval'
  >;
  Notification: NotificationCtor | undefined;
}): WebAttention {
  const { document: doc, window: win } = deps;
  let ringing: PopCard | null = null;
  let notification: Notification | null = null;
  let blink: number | null = null;
  let savedTitle: string | null = null;

  const stop = () => {
    notification?.close();
    notification = null;
    if (blink !== null) win.clearInterval(blink);
    blink = null;
    if (savedTitle !== null) doc.title = savedTitle;
    savedTitle = null;
  };

  const start = (card: PopCard) => {
    const alert = `Llamada: ${whoCalls(card)}`;
    if (savedTitle === null) {
      savedTitle = doc.title;
      doc.title = alert; // at once, from the INVITE: no timer before the first change
      blink = win.setInterval(() => {
        doc.title = doc.title === alert ? (savedTitle ?? '') : alert;
      }, TITLE_BLINK_MS);
    }
    const N = deps.Notification;
    // The notification waits for the directory look-up (milliseconds) so it names the customer.
    if (!notification && card.identified && N && N.permission === 'granted') {
      const body = [card.callerLabel, ...card.blocks].join(' — ');
      notification = new N(`Llamada entrante: ${whoCalls(card)}`, {
        body,
        tag: `companion-call-${card.callId}`,
        requireInteraction: true,
      });
      notification.onclick = () => {
        win.focus();
        notification?.close();
      };
    }
  };

  const refresh = () => {
    if (ringing && doc.visibilityState === 'hidden') start(ringing);
    else stop();
  };
  const onVisibility = () => refresh();

  // The permission is asked once, on the agent's first click (browsers require a gesture).
  const askOnce = () => {
    win.removeEventListener('pointerdown', askOnce);
    const N = deps.Notification;
    if (N && N.permission === 'default') void N.requestPermission().catch(() => undefined);
  };

  return {
    start() {
      doc.addEventListener('visibilitychange', onVisibility);
      win.addEventListener('pointerdown', askOnce);
    },
    update(card) {
      const next = card && card.phase === 'ringing' ? card : null;
      if (next?.callId !== ringing?.callId) stop();
      else if (next && ringing && next.identified && !ringing.identified && savedTitle !== null) {
        // Identified: the blinking title names the customer from now on.
        const title = savedTitle;
        stop();
        doc.title = title;
      }
      ringing = next;
      refresh();
    },
    dispose() {
      stop();
      doc.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener('pointerdown', askOnce);
    },
  };
}
