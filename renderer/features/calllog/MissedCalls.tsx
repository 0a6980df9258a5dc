import { useLiveQuery } from 'dexie-react-hooks';
import { canCallBack } from '../../../shared/telephony/callLog';
import { useServices } from '../../app/servicesContext';
import { CopyNumber } from '../call';
import { useCallBack } from './callBack';

export interface MissedCallsProps {
  limit?: number;
  /** Companion mode: the agent calls from the other device, so the number is offered to copy. */
  companionMode?: boolean;
}

/** "Perdidas": calls that rang here and nobody answered, newest first, with "Devolver llamada". */
export function MissedCalls({ limit = 50, companionMode }: MissedCallsProps) {
  const services = useServices();
  const calls = useLiveQuery(() => services.callLog.missedCalls(limit), [limit, services.callLog]);
  const companion = companionMode ?? services.calls.companionMode;
  const { errors, callBack: onCallBack } = useCallBack();

  return (
    <section className="missed-calls" aria-labelledby="missed-calls-title">
      <h2 id="missed-calls-title">Perdidas</h2>
      {calls === undefined ? null : calls.length === 0 ? (
        <p>No hay llamadas perdidas.</p>
      ) : (
        <ul>
          {calls.map((entry) => (
            <li key={entry.id} data-call-id={entry.id}>
              <time dateTime={new Date(entry.startedAt).toISOString()}>{formatWhen(entry.startedAt)}</time>{' '}
              <strong className="missed-calls__number">{entry.label}</strong>
              {entry.displayName && <span className="missed-calls__name"> {entry.displayName}</span>}
              {entry.customerCode && (
                <span className="missed-calls__customer"> Cliente {entry.customerCode}</span>
              )}
              {entry.blockCodes.length > 0 && (
                <span className="missed-calls__blocks"> Bloqueo {entry.blockCodes.join(', ')}</span>
              )}
              {entry.note && <span className="missed-calls__note"> {entry.note}</span>}
              {entry.calledBackAt !== null && (
                <span className="missed-calls__returned"> Devuelta {formatWhen(entry.calledBackAt)}</span>
              )}
              {canCallBack(entry) &&
                (companion ? (
                  <CopyNumber label="Número" number={entry.number ?? ''} />
                ) : (
                  <button type="button" onClick={() => void onCallBack(entry)}>
                    Devolver llamada
                  </button>
                ))}
              {errors[entry.id] && (
                <span className="missed-calls__error" role="alert">
                  {errors[entry.id]}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "14:32" today, "25-11 14:32" before. */
export function formatWhen(at: number, now: number = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString('es-CL', { hour: '2-digit', minute: '2-digit', hour12: false });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  const day = `${String(date.getDate()).padStart(2, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}`;
  return `${day} ${time}`;
}
