import type { CallLogEntry } from '../../../shared/telephony/callLog';
import { dialNumber, type DialResult } from '../call/callCommands';
import { markCalledBack } from './callLogRepo';

/** "Devolver llamada": dials the missed caller and marks the missed call as called back. */
export async function callBack(entry: Pick<CallLogEntry, 'id' | 'number'>): Promise<DialResult> {
  if (!entry.number) return { ok: false, reason: 'Número desconocido: no se puede devolver la llamada.' };
  const result = dialNumber(entry.number);
  if (result.ok) await markCalledBack(entry.id, result.callId);
  return result;
}
