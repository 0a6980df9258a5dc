import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { activeLine } from '../line/telephonyAdapter';
import type { TransferResult } from './Call';
import { getCall } from './callRegistry';

/**
 * What the UI can do to a call, by id (the snapshots in callSlice carry the id).
 * A call that is already gone is a no-op, never an error for the agent.
 */

export function answerCall(id: string): Promise<void> {
  return getCall(id)?.answer() ?? Promise.resolve();
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

/** Blind transfer to a number of the agent's PBX (default: Telecobranzas, 26939901). */
export function transferCall(id: string, number: string = TELECOBRANZAS_NUMBER): Promise<TransferResult> {
  const call = getCall(id);
  const line = activeLine();
  if (!call || !line) return Promise.resolve({ ok: false, reason: 'La llamada ya no está activa.' });
  return call.blindTransfer(line.uriFor(number), number);
}
