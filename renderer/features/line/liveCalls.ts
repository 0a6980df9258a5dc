import type { LineState } from '../../../shared/telephony/lineState';
import type { Call } from '../call';

/** What LiveCalls needs of a call (Call in the app, a fake in tests). */
export type WatchedCall = Pick<Call, 'subscribe' | 'connectionLost' | 'connectionRestored'>;

/**
 * The calls of a line that have not ended, told when the line drops and when it is back: the
 * WebSocket carries only signalling, so a connected call may well survive a short loss.
 */
export class LiveCalls {
  private readonly calls = new Set<WatchedCall>();
  /** The line dropped since it was last online: the calls learn when it is back. */
  private dropped = false;

  get size(): number {
    return this.calls.size;
  }

  watch(call: WatchedCall): void {
    this.calls.add(call);
    const unsubscribe = call.subscribe((snapshot) => {
      if (snapshot.phase !== 'ended') return;
      this.calls.delete(call);
      unsubscribe();
    });
  }

  lineChanged(state: LineState): void {
    if (state.status === 'offline' || state.status === 'rejected') {
      if (this.dropped) return;
      this.dropped = true;
      for (const call of [...this.calls]) call.connectionLost();
    } else if (state.status === 'online' && this.dropped) {
      this.dropped = false;
      for (const call of [...this.calls]) void call.connectionRestored();
    } else if (state.status === 'idle') {
      this.dropped = false;
    }
  }
}
