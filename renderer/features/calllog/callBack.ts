import { useState } from 'react';
import type { CallLogEntry } from '../../../shared/telephony/callLog';
import { useServices } from '../../app/servicesContext';
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

/** "Devolver llamada" for a list of calls: the action, and the Spanish reason per call it failed for. */
export function useCallBack(): {
  errors: Record<string, string>;
  callBack: (entry: CallLogEntry) => Promise<void>;
} {
  const services = useServices();
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    errors,
    callBack: async (entry) => {
      const result = await callBack(entry, services.calls, services.callLog);
      setErrors((current) => {
        const next = { ...current };
        if (result.ok) delete next[entry.id];
        else next[entry.id] = result.reason;
        return next;
      });
    },
  };
}
