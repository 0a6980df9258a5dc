/**
 * Time as the app's state machines read it: a port, so tests move time by hand instead of waiting
 * (see renderer/features/line/lineSupervisor.test.ts). Timers are relative, so a wall clock that
 * jumps cannot stall or rush them.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
