/** Messages between this origin's windows: the leader sends, the others ask. */
export type SyncMessage =
  | { type: 'kick'; reason: 'manual' | 'queued' }
  /** Sign-in, sign-out or expiry happened in some window: re-read the stored session. */
  | { type: 'session' };

const CHANNEL = 'companion-sync';

export interface SyncChannel {
  post(message: SyncMessage): void;
  close(): void;
}

/** BroadcastChannel never delivers to its own sender: callers act locally and post for the rest. */
export function openChannel(onMessage: (message: SyncMessage) => void): SyncChannel {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<SyncMessage>) => onMessage(event.data);
  return { post: (message) => channel.postMessage(message), close: () => channel.close() };
}
