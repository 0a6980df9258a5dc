/**
 * The agent's line as a state machine, as data: states, events, the transition table and
 * a pure reducer. Times are epoch ms carried by the events, so the reducer has no clock.
 */

export type LineState =
  /** Not started, or stopped (no settings yet, or the agent signed out). */
  | { status: 'idle' }
  /** Opening the WebSocket and registering. `attempt` 0 is the first try. */
  | { status: 'connecting'; attempt: number }
  | { status: 'online'; since: number }
  /** Lost or never reached; the next try is at `retryAt`. */
  | { status: 'offline'; attempt: number; retryAt: number; reason: string }
  /** The PBX refused the password. `retryAt` null: only a new password or a manual retry. */
  | { status: 'rejected'; code: number; retryAt: number | null };

export type LineStatus = LineState['status'];

export type LineEvent =
  | { type: 'start' }
  /** A retry (scheduled or manual) begins. */
  | { type: 'retry' }
  | { type: 'registered'; at: number }
  /** Transport lost, connect failed, or registration failed for a reason other than credentials. */
  | { type: 'lost'; reason: string; at: number; delayMs: number }
  | { type: 'credentials-rejected'; code: number; at: number; delayMs: number | null }
  | { type: 'stop' };

export type LineEventType = LineEvent['type'];

/** Which events each state accepts, and where they lead. Anything else is ignored. */
export const LINE_TRANSITIONS: Readonly<Record<LineStatus, Partial<Record<LineEventType, LineStatus>>>> = {
  idle: { start: 'connecting' },
  connecting: { registered: 'online', lost: 'offline', 'credentials-rejected': 'rejected', stop: 'idle' },
  online: { lost: 'offline', 'credentials-rejected': 'rejected', stop: 'idle' },
  offline: { retry: 'connecting', stop: 'idle', start: 'connecting' },
  rejected: { retry: 'connecting', stop: 'idle', start: 'connecting' },
};

export const INITIAL_LINE_STATE: LineState = { status: 'idle' };

export function lineReducer(state: LineState, event: LineEvent): LineState {
  const target = LINE_TRANSITIONS[state.status][event.type];
  if (!target) return state;
  switch (event.type) {
    case 'start':
      return { status: 'connecting', attempt: 0 };
    case 'retry':
      return { status: 'connecting', attempt: state.status === 'offline' ? state.attempt + 1 : 0 };
    case 'registered':
      return { status: 'online', since: event.at };
    case 'lost':
      return {
        status: 'offline',
        attempt: state.status === 'connecting' ? state.attempt : 0,
        retryAt: event.at + event.delayMs,
        reason: event.reason,
      };
    case 'credentials-rejected':
      return {
        status: 'rejected',
        code: event.code,
        retryAt: event.delayMs === null ? null : event.at + event.delayMs,
      };
    case 'stop':
      return INITIAL_LINE_STATE;
  }
}

/** What the status line says (es-CL). `now` drives the countdown of an offline line. */
export function lineLabel(state: LineState, now: number): string {
  switch (state.status) {
    case 'idle':
      return 'Línea desconectada';
    case 'connecting':
      return 'Conectando';
    case 'online':
      return 'En línea';
    case 'offline':
      return `Sin conexión — reintentando en ${secondsUntil(state.retryAt, now)} s`;
    case 'rejected':
      return 'Credenciales rechazadas';
  }
}

/** Whole seconds left, never below 1 while waiting (a "0 s" that lingers reads like a hang). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** SIP statuses that mean "wrong user or password", where retrying soon only locks the account. */
export function isCredentialsRejection(statusCode: number): boolean {
  return statusCode === 401 || statusCode === 403 || statusCode === 407;
}
