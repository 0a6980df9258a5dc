/** The window's timers and frames this needs (a fake in tests). */
export type PaintClock = Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;

/** A hidden page paints no frames: work waits no longer than this for one. */
export const HIDDEN_PAGE_WAIT_MS = 100;

/**
 * Resolves once the browser has painted what the current task changed (the task after the next
 * animation frame), or after HIDDEN_PAGE_WAIT_MS when no frame comes. For work that must not
 * hold up what the agent is about to see (the call log written on an INVITE, the pop path's
 * warm-up at start).
 */
export function afterNextPaint(win: PaintClock): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    win.requestAnimationFrame(() => win.setTimeout(finish, 0));
    win.setTimeout(finish, HIDDEN_PAGE_WAIT_MS);
  });
}

/** A pop-up that takes longer than this (a look-up that hangs) no longer holds the call's log. */
export const POP_WAIT_MAX_MS = 2000;

/**
 * What an INVITE causes but the agent does not see (the call log's IndexedDB writes) waits until
 * the call's pop-up is on screen: the look-up and the render that pop it go first.
 */
export class PopFirst {
  private readonly pops = new Map<string, Promise<void>>();

  constructor(private readonly clock: PaintClock) {}

  /** The pop of this call started; `done` settles once it is in the store (React draws it at once). */
  popping(callId: string, done: Promise<unknown>): void {
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.pops.set(callId, settled);
    void settled.then(() => {
      if (this.pops.get(callId) === settled) this.pops.delete(callId);
    });
  }

  /** Resolves after the paint that follows this call's pop (the next paint, for a call without one). */
  async after(callId: string): Promise<void> {
    // The INVITE's handler names the pop right after the call's first write asks: let it.
    await Promise.resolve();
    const pop = this.pops.get(callId);
    if (pop)
      await Promise.race([
        pop,
        new Promise<void>((resolve) => this.clock.setTimeout(resolve, POP_WAIT_MAX_MS)),
      ]);
    await afterNextPaint(this.clock);
  }
}
