import type { PopCard } from '../shared/ipc/contract';
import type { Logger } from './logger';

/** What we hand to Electron's Notification (a fake in tests). */
export interface NotificationOptions {
  title: string;
  body: string;
  silent: boolean;
  urgency: 'critical';
  timeoutType: 'never';
}

export interface NotificationHandle {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export interface NotificationPort {
  isSupported(): boolean;
  create(options: NotificationOptions): NotificationHandle;
}

/** "Llamada entrante: +56 9 …" / "María Soto (C-100234) — Z1 — Cobranza". */
export function callNotificationText(card: PopCard): { title: string; body: string } {
  const title = `Llamada entrante: ${card.callerLabel}`;
  let who: string;
  if (card.customerName)
    who = card.customerCode ? `${card.customerName} (${card.customerCode})` : card.customerName;
  else if (card.candidates > 1) who = `${card.candidates} clientes con este número: elija en Companion`;
  else who = 'No está en el directorio';
  const body = card.blocks.length > 0 ? `${who} — ${card.blocks.join(' · ')}` : `${who} — sin bloqueos`;
  return { title, body };
}

export interface CallNotifier {
  /** A desktop notification for a ringing call, only while the app is out of sight. */
  update(card: PopCard): void;
  close(callId: string): void;
}

export function createCallNotifier(deps: {
  notifications: NotificationPort;
  isAppHidden: () => boolean;
  onClick: (callId: string) => void;
  logger: Logger;
}): CallNotifier {
  const open = new Map<string, NotificationHandle>();
  const close = (callId: string) => {
    open.get(callId)?.close();
    open.delete(callId);
  };
  return {
    update(card) {
      if (card.phase !== 'ringing') return close(card.callId);
      // Wait for the directory look-up (milliseconds), so the notification names the customer.
      if (!card.identified || open.has(card.callId) || !deps.isAppHidden()) return;
      if (!deps.notifications.isSupported()) {
        deps.logger.warn('desktop notifications not supported');
        return;
      }
      const notification = deps.notifications.create({
        ...callNotificationText(card),
        // The ring already sounds; a second sound would only confuse.
        silent: true,
        urgency: 'critical',
        timeoutType: 'never',
      });
      notification.on('click', () => deps.onClick(card.callId));
      notification.show();
      open.set(card.callId, notification);
      deps.logger.info('call notification shown', { callId: card.callId });
    },
    close,
  };
}
