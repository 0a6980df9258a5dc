/**
 * The call log as data: one entry per call the app really saw (an INVITE that reached it, or a call
 * it placed), written when the call starts and completed when it ends. Nothing here invents calls:
 * a call that rang while the line was down never reached the app, so it has no entry.
 */
import type { CallDirection, CallOutcome, CallSnapshot } from './callState';

/**
 * The call's outcome as the log tells it; a transfer to Telecobranzas is told apart, and a call the
 * app lost track of (it closed or crashed during the call) is closed as interrupted at next start.
 */
export type CallLogOutcome = CallOutcome | 'transferred-telecobranzas' | 'interrupted';

export const CALL_LOG_OUTCOME_LABEL: Record<CallLogOutcome, string> = {
  answered: 'contestada',
  missed: 'perdida',
  rejected: 'rechazada',
  'answered-elsewhere': 'contestada en otro equipo',
  transferred: 'transferida',
  'transferred-telecobranzas': 'transferida a Telecobranzas',
  failed: 'fallida',
  interrupted: 'interrumpida',
};

export interface CallLogEntry {
  /** The call's id (the same as in callSlice). */
  id: string;
  direction: CallDirection;
  /** E.164 number of the other party, when known. */
  number: string | null;
  /** What the agent read: the number or "Número desconocido" (or the number dialled). */
  label: string;
  displayName: string | null;
  /** The customer the pop-up identified (setCallCustomer), when known. */
  customerCode: string | null;
  /** The customer's name as the directory had it (shown and searched on this desk; not uploaded). */
  customerName?: string | null;
  /** The customer's block codes at the time of the call. */
  blockCodes: string[];
  /** Epoch ms. */
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** Null while the call is in progress (or if the app closed during it). */
  outcome: CallLogOutcome | null;
  transferTarget: string | null;
  companion: boolean;
  /** On a consult call (attended transfer): the customer's call it was for. */
  consultFor: string | null;
  note: string | null;
  /** When "Devolver llamada" was used on this (missed) call, and the call it placed. */
  calledBackAt: number | null;
  callBackId: string | null;
  /** On the call placed by "Devolver llamada": the missed call it returned. */
  callBackOf?: string | null;
  /**
   * The upload of a finished call to the back office (POST /calls/batch): "pendiente" from the
   * moment it has an outcome, "enviado" once the server has it, "rechazado" (kept, with the
   * server's reason) if it refused it. Absent or null while the call is in progress.
   */
  uploadStatus?: CallUploadStatus | null;
  /** The last error of a failed attempt, or the server's reason for a refusal. */
  uploadError?: string | null;
  uploadAttempts?: number;
  /** ISO instant of the next automatic try after a failed one (display only). */
  uploadNextAttemptAt?: string | null;
  /** When the back office confirmed it has this (finished) call; absent while not uploaded. */
  uploadedAt?: number | null;
  /**
   * The back-office account signed in on this desk while the call was taken. The server files an
   * uploaded call under the token's account, so the call goes up only under this account's session
   * (held, and shown as such, while another agent is signed in). Null: nobody was signed in; the
   * next account that signs in uploads it.
   */
  agent?: string | null;
}

export type CallUploadStatus = 'pendiente' | 'enviado' | 'rechazado';

export function callLogOutcome(call: CallSnapshot, telecobranzasNumber: string): CallLogOutcome | null {
  if (call.outcome === null) return null;
  if (call.outcome === 'transferred' && sameNumber(call.transfer?.target, telecobranzasNumber)) {
    return 'transferred-telecobranzas';
  }
  return call.outcome;
}

/**
 * The log entry of a call as it is now. Customer fields and call-back marks are not in the
 * snapshot: `previous` (the stored entry) keeps them.
 */
export function callLogEntry(
  call: CallSnapshot,
  options: { telecobranzasNumber: string; previous?: CallLogEntry | null },
): CallLogEntry {
  const previous = options.previous ?? null;
  const dialled = call.direction === 'outgoing' ? (call.callerId.rawUser ?? call.callerId.label) : null;
  return {
    id: call.id,
    direction: call.direction,
    number: call.callerId.number,
    label: call.callerId.number ?? dialled ?? call.callerId.label,
    displayName: call.callerId.displayName,
    customerCode: previous?.customerCode ?? null,
    customerName: previous?.customerName ?? null,
    blockCodes: previous?.blockCodes ?? [],
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    outcome: callLogOutcome(call, options.telecobranzasNumber),
    transferTarget: call.transfer?.status === 'accepted' ? call.transfer.target : null,
    companion: call.companion,
    consultFor: call.consultFor,
    note: call.note,
    calledBackAt: previous?.calledBackAt ?? null,
    callBackId: previous?.callBackId ?? null,
  };
}

/** "perdida", "transferida a 2000", … (es-CL). "en curso" while it has no outcome. */
export function callLogOutcomeLabel(entry: Pick<CallLogEntry, 'outcome' | 'transferTarget'>): string {
  if (entry.outcome === null) return 'en curso';
  if (entry.outcome === 'transferred' && entry.transferTarget) return `transferida a ${entry.transferTarget}`;
  return CALL_LOG_OUTCOME_LABEL[entry.outcome];
}

/** A missed call the agent can call back: incoming, never answered here or elsewhere, with a number. */
export function canCallBack(entry: Pick<CallLogEntry, 'outcome' | 'number'>): boolean {
  return entry.outcome === 'missed' && entry.number !== null;
}

function sameNumber(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const digits = (value: string) => value.replace(/[^\d+]/g, '');
  return digits(a) === digits(b);
}
