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
