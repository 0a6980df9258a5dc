/**
 * One call as a state machine, as data: what the agent sees (ringing, in call, on hold,
 * transfer in progress) and how it ended. Plain, serialisable objects: they go into Redux
 * and the call log. Times are epoch ms carried by the events.
 */
import type { CallerId } from './callerId';

export type CallDirection = 'incoming' | 'outgoing';

export type CallPhase =
  /** Incoming: ringing here. Outgoing: ringing at the other side. */
  | 'ringing'
  /** Answer pressed, media being set up. */
  | 'connecting'
  | 'active'
  | 'held'
  | 'ended';

export type CallOutcome =
  'answered' | 'missed' | 'rejected' | 'answered-elsewhere' | 'transferred' | 'failed';

export const CALL_OUTCOME_LABEL: Record<CallOutcome, string> = {
  answered: 'contestada',
  missed: 'perdida',
  rejected: 'rechazada',
  'answered-elsewhere': 'contestada en otro equipo',
  transferred: 'transferida',
  failed: 'fallida',
};

export type TransferStatus = 'pending' | 'accepted' | 'failed';
/** Blind: REFER to a number. Attended: REFER with Replaces, after a consult call. */
export type TransferKind = 'blind' | 'attended';

export interface TransferState {
  target: string;
  kind: TransferKind;
  status: TransferStatus;
  /** Why it failed, for the agent (es-CL). */
  reason: string | null;
}

export interface CallSnapshot {
  id: string;
  direction: CallDirection;
  callerId: CallerId;
  phase: CallPhase;
  muted: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  /** Last transfer attempted on this call, if any. */
  transfer: TransferState | null;
  /**
   * Companion mode: the call rings here only to pop the customer; the agent answers it on another
   * device, so this app never answers, rejects or transfers it.
   */
  companion: boolean;
  /** On a customer's call while the agent consults someone (attended transfer): the consult call. */
  consult: ConsultState | null;
  /** On a consult call: the id of the customer's call it is for. */
  consultFor: string | null;
  /** The line to the PBX dropped while this call was up; cleared when it is back. */
  lineLost: boolean;
  /** Why the call ended or an action failed, for the agent (es-CL). */
  note: string | null;
}

export interface ConsultState {
  callId: string;
  /** The number dialled, as the agent typed it. */
  target: string;
}

/** How the far end or the agent ended the call; the reducer turns it into an outcome. */
export type CallEndCause =
  | 'local-hangup'
  | 'remote-hangup'
  | 'local-reject'
  /** The caller gave up (CANCEL) while it rang. */
  | 'remote-cancel'
  /** CANCEL with Reason cause=200: another device of the same extension answered. */
  | 'completed-elsewhere'
  /** Outgoing call refused by the other side, or a signalling/media failure. */
  | 'failed'
  /** The line to the PBX dropped and the call did not survive it. */
  | 'connection-lost';

export type CallEvent =
  | { type: 'answer-requested' }
  | { type: 'established'; at: number }
  | { type: 'held' }
  | { type: 'resumed' }
  | { type: 'hold-failed'; note: string }
  | { type: 'muted'; muted: boolean }
  | { type: 'transfer-requested'; target: string; kind?: TransferKind }
  | { type: 'transfer-accepted' }
  | { type: 'transfer-failed'; reason: string }
  | { type: 'consult-started'; callId: string; target: string }
  | { type: 'consult-ended'; note?: string }
  | { type: 'connection-lost' }
  | { type: 'connection-restored'; note?: string }
  | { type: 'ended'; cause: CallEndCause; at: number; note?: string };

export const CONNECTION_LOST_NOTE = 'Se perdió la conexión con la central; la llamada puede cortarse.';
export const CONNECTION_RESTORED_NOTE = 'Se recuperó la conexión con la central; la llamada sigue.';
export const ENDED_WHILE_OFFLINE_NOTE = 'La llamada terminó mientras no había conexión con la central.';
export const RINGING_LOST_NOTE = 'Dejó de sonar: se perdió la conexión con la central.';

export function newCall(init: {
  id: string;
  direction: CallDirection;
  callerId: CallerId;
  at: number;
  companion?: boolean;
  consultFor?: string | null;
}): CallSnapshot {
  return {
    id: init.id,
    direction: init.direction,
    callerId: init.callerId,
    phase: 'ringing',
    muted: false,
    startedAt: init.at,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    transfer: null,
    companion: init.companion ?? false,
    consult: null,
    consultFor: init.consultFor ?? null,
    lineLost: false,
    note: null,
  };
}

export function callReducer(call: CallSnapshot, event: CallEvent): CallSnapshot {
  if (call.phase === 'ended') return call;
  switch (event.type) {
    case 'answer-requested':
      return call.phase === 'ringing' && call.direction === 'incoming' && !call.companion
        ? { ...call, phase: 'connecting' }
        : call;
    case 'established':
      return call.phase === 'ringing' || call.phase === 'connecting'
        ? { ...call, phase: 'active', answeredAt: event.at }
        : call;
    case 'held':
      return call.phase === 'active' ? { ...call, phase: 'held', note: null } : call;
    case 'resumed':
      return call.phase === 'held' ? { ...call, phase: 'active', note: null } : call;
    case 'hold-failed':
      return { ...call, note: event.note };
    case 'muted':
      return isConnected(call) ? { ...call, muted: event.muted } : call;
    case 'transfer-requested':
      return isConnected(call) && call.transfer?.status !== 'pending'
        ? {
            ...call,
            transfer: { target: event.target, kind: event.kind ?? 'blind', status: 'pending', reason: null },
          }
        : call;
    case 'transfer-accepted':
      return call.transfer?.status === 'pending'
        ? { ...call, transfer: { ...call.transfer, status: 'accepted' } }
        : call;
    case 'transfer-failed':
      return call.transfer?.status === 'pending'
        ? { ...call, transfer: { ...call.transfer, status: 'failed', reason: event.reason } }
        : call;
    case 'consult-started':
      return isConnected(call) && call.consult === null
        ? { ...call, consult: { callId: event.callId, target: event.target }, note: null }
        : call;
    case 'consult-ended':
      return call.consult ? { ...call, consult: null, note: event.note ?? call.note } : call;
    case 'connection-lost':
      return call.lineLost ? call : { ...call, lineLost: true, note: CONNECTION_LOST_NOTE };
    case 'connection-restored':
      return call.lineLost
        ? { ...call, lineLost: false, note: event.note ?? CONNECTION_RESTORED_NOTE }
        : call;
    case 'ended':
      return {
        ...call,
        phase: 'ended',
        endedAt: event.at,
        outcome: outcomeOf(call, event.cause),
        consult: null,
        lineLost: false,
        note: event.note ?? (event.cause === 'connection-lost' ? ENDED_WHILE_OFFLINE_NOTE : call.note),
      };
  }
}

export function isConnected(call: Pick<CallSnapshot, 'phase'>): boolean {
  return call.phase === 'active' || call.phase === 'held';
}

function outcomeOf(call: CallSnapshot, cause: CallEndCause): CallOutcome {
  if (call.transfer?.status === 'accepted') return 'transferred';
  if (call.answeredAt !== null) return 'answered';
  switch (cause) {
    case 'local-reject':
      return 'rejected';
    case 'completed-elsewhere':
      return 'answered-elsewhere';
    case 'remote-cancel':
    case 'remote-hangup':
      return call.direction === 'incoming' ? 'missed' : 'failed';
    case 'local-hangup':
      return call.direction === 'incoming' ? 'rejected' : 'failed';
    case 'failed':
    case 'connection-lost':
      return call.direction === 'incoming' ? 'missed' : 'failed';
  }
}

/** True when a CANCEL's Reason header says another device answered (RFC 3326). */
export function isCompletedElsewhere(reasonHeader: string | null | undefined): boolean {
  if (!reasonHeader) return false;
  return (
    /(^|[\s,])SIP\s*;[^,]*\bcause\s*=\s*200\b/i.test(reasonHeader) ||
    /call completed elsewhere/i.test(reasonHeader)
  );
}

/** Reads a REFER progress NOTIFY body ("SIP/2.0 200 OK"): the status code, or null if unreadable. */
export function sipfragStatus(body: string | null | undefined): number | null {
  const match = /^\s*SIP\/2\.0\s+(\d{3})\b/.exec(body ?? '');
  return match ? Number(match[1]) : null;
}

/** What the agent reads when a transfer target answers with a failure status. */
export function transferFailureReason(statusCode: number | null): string {
  if (statusCode === null) return 'El destino no respondió.';
  if (statusCode === 404 || statusCode === 480 || statusCode === 410)
    return 'El número de destino no está disponible.';
  if (statusCode === 486 || statusCode === 600) return 'El número de destino está ocupado.';
  if (statusCode === 603) return 'El destino rechazó la transferencia.';
  if (statusCode === 403 || statusCode === 405 || statusCode === 501)
    return 'La central no permite transferir esta llamada.';
  return `La transferencia falló (código ${statusCode}).`;
}
