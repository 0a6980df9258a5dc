import type { CallLogEntry } from '../../../shared/telephony/callLog';
import type { CallCommands, DialResult } from '../call';
import type { CallLog } from './callLogRepo';

/** "Devolver llamada": dials the missed caller and marks the missed call as called back. */
export async function callBack(
  entry: Pick<CallLogEntry, 'id' | 'number'>,
  calls: Pick<CallCommands, 'dial'>,
  log: Pick<CallLog, 'markCalledBack'>,
): Promise<DialResult> {
  if (!entry.number) return { ok: false, reason: 'Número desconocido: no se puede devolver la llamada.' };
  const result = calls.dial(entry.number);
  if (result.ok) await log.markCalledBack(entry.id, result.callId);
  return result;
}
