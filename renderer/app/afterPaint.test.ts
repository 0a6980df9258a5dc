import { describe, expect, it } from 'vitest';
import {
  afterNextPaint,
  HIDDEN_PAGE_WAIT_MS,
  POP_WAIT_MAX_MS,
  PopFirst,
  type PaintClock,
} from './afterPaint';

/** A window whose frames and timers run when the test says. */
function fakeClock() {
  const frames: Array<() => void> = [];
  const timers: Array<{ at: number; run: () => void }> = [];
  let now = 0;
  const clock = {
    requestAnimationFrame: (run: () => void) => frames.push(run),
    setTimeout: (run: () => void, ms = 0) => timers.push({ at: now + ms, run }),
  } as unknown as PaintClock;
  return {
    clock,
    frame: () => frames.splice(0).forEach((run) => run()),
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
  };
}

const settledFlag = (promise: Promise<void>) => {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
};

describe('afterNextPaint', () => {
  it('waits for the next frame and the task after it', async () => {
    const { clock, frame, advance } = fakeClock();
    const state = settledFlag(afterNextPaint(clock));
    advance(0);
    await Promise.resolve();
    expect(state.done).toBe(false);
    frame();
    await Promise.resolve();
    expect(state.done).toBe(false);
    advance(0);
    await Promise.resolve();
    expect(state.done).toBe(true);
  });

  it('does not wait for ever on a hidden page, which paints no frames', async () => {
    const { clock, advance } = fakeClock();
    const state = settledFlag(afterNextPaint(clock));
    advance(HIDDEN_PAGE_WAIT_MS - 1);
    await Promise.resolve();
    expect(state.done).toBe(false);
    advance(1);
    await Promise.resolve();
    expect(state.done).toBe(true);
  });
});

/** Lets every pending promise callback run (a real timer: the fake clock drives only the code under test). */
const drain = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PopFirst', () => {
  it("holds a call's hidden work until its pop-up is in the store and painted", async () => {
    const { clock, frame, advance } = fakeClock();
    const popFirst = new PopFirst(clock);
    // The call's first log write asks before the INVITE's handler has named the pop (as on a call).
    const state = settledFlag(popFirst.after('c1'));
    let popped!: () => void;
    popFirst.popping('c1', new Promise<void>((resolve) => (popped = resolve)));
    await Promise.resolve();
    frame();
    advance(0);
    await drain();
    expect(state.done).toBe(false);

    popped();
    await drain();
    expect(state.done).toBe(false);
    frame();
    advance(0);
    await drain();
    expect(state.done).toBe(true);
  });

  it('lets a call whose pop-up never comes (a look-up that hangs) go after a while: its log is written', async () => {
    const { clock, frame, advance } = fakeClock();
    const popFirst = new PopFirst(clock);
    const state = settledFlag(popFirst.after('c1'));
    popFirst.popping('c1', new Promise<void>(() => undefined));
    await drain();
    advance(POP_WAIT_MAX_MS - 1);
    frame();
    advance(0);
    await drain();
    expect(state.done).toBe(false);
    advance(1);
    await drain();
    frame();
    advance(0);
    await drain();
    expect(state.done).toBe(true);
  });

  it('lets a call without a pop-up (or whose pop failed) go after the next paint', async () => {
    const { clock, frame, advance } = fakeClock();
    const popFirst = new PopFirst(clock);
    popFirst.popping('failed', Promise.reject(new Error('look-up failed')));
    for (const callId of ['outgoing', 'failed']) {
      const state = settledFlag(popFirst.after(callId));
      await drain();
      frame();
      advance(0);
      await drain();
      expect(state.done).toBe(true);
    }
  });
});
