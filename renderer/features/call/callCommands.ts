import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { blindReferTarget } from '../../../shared/telephony/referTo';
import { activeLine, activeTelephony } from '../line/telephonyAdapter';
import {
  completeTransfer as complete,
  returnToCustomer as goBack,
  startConsult,
  type ConsultDeps,
} from './attendedTransfer';
import type { Call, TransferResult } from './Call';
import { getCall, liveCalls } from './callRegistry';

/**
 * What the UI can do to a call, by id (the snapshots in callSlice carry the id).
 * A call that is already gone is a no-op, never an error for the agent.
 */

const isHeld = (call: Call) => call.snapshot.phase === 'held';
const GONE: TransferResult = { ok: false, reason: 'La llamada ya no está activa.' };

/**
 * Answers a ringing call. Call waiting: a call the agent is talking on is put on hold first;
 * if that hold fails the new call keeps ringing (two open audio paths would mix customers).
 */
export async function answerCall(id: string): Promise<void> {
  const call = getCall(id);
  if (!call?.answerable) return;
  for (const other of liveCalls()) {
    if (other === call || other.snapshot.phase !== 'active') continue;
    await other.hold();
    if (!isHeld(other)) return;
  }
  await call.answer();
}

export function rejectCall(id: string): Promise<void> {
  return getCall(id)?.reject() ?? Promise.resolve();
}

export function hangupCall(id: string): Promise<void> {
  return getCall(id)?.hangup() ?? Promise.resolve();
}

export function holdCall(id: string): Promise<void> {
  return getCall(id)?.hold() ?? Promise.resolve();
}

export function resumeCall(id: string): Promise<void> {
  return getCall(id)?.resume() ?? Promise.resolve();
}

export function setCallMuted(id: string, muted: boolean): void {
  getCall(id)?.setMuted(muted);
}

export function sendCallDtmf(id: string, tone: string): boolean {
  return getCall(id)?.sendDtmf(tone) ?? false;
}

export interface TransferOptions {
  /** The form's case id: travels as `X-Companion-Case` in the Refer-To URI (and the new INVITE). */
  caseId?: string | null;
}

/** Blind transfer to a number of the agent's PBX (default: Telecobranzas, 26939901). */
export function transferCall(
  id: string,
  number: string = TELECOBRANZAS_NUMBER,
  options: TransferOptions = {},
): Promise<TransferResult> {
  const call = getCall(id);
  const line = activeLine();
  if (!call || !line) return Promise.resolve(GONE);
  return call.blindTransfer(blindReferTarget(line.uriFor(number), { caseId: options.caseId }), number);
}

function consultDeps(): ConsultDeps | null {
  const telephony = activeTelephony();
  if (!telephony) return null;
  return {
    dial: (number, options) => telephony.dial(number, options),
    uriFor: (number) => telephony.line.uriFor(number),
    getCall,
  };
}

/** "Consultar…": the customer on hold, a consult call to `number`. */
export function consultCall(id: string, number: string): Promise<TransferResult> {
  const call = getCall(id);
  const deps = consultDeps();
  return call && deps ? startConsult(call, number, deps) : Promise.resolve(GONE);
}

/** "Completar transferencia": hands the customer over to the consulted party. */
export function completeTransfer(id: string): Promise<TransferResult> {
  const call = getCall(id);
  const deps = consultDeps();
  return call && deps ? complete(call, deps) : Promise.resolve(GONE);
}

/** "Volver al cliente": ends the consult call and resumes the customer. */
export function returnToCustomer(id: string): Promise<TransferResult> {
  const call = getCall(id);
  const deps = consultDeps();
  return call && deps ? goBack(call, deps) : Promise.resolve(GONE);
}

export type DialResult = { ok: true; callId: string } | { ok: false; reason: string };

/** Places a call (e.g. "Devolver llamada"). */
export function dialNumber(number: string): DialResult {
  const telephony = activeTelephony();
  if (!telephony) return { ok: false, reason: 'La línea no está conectada.' };
  if (telephony.config.companionMode) {
    return { ok: false, reason: 'En modo acompañante se llama desde el otro equipo.' };
  }
  try {
    return { ok: true, callId: telephony.dial(number).id };
  } catch {
    return { ok: false, reason: `No se pudo llamar a ${number}.` };
  }
}
