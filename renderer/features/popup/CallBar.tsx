import { useAppSelector } from '../../app/hooks';
import { CallControls, selectCall } from '../call';

/** The call that popped this customer: who calls, the block badges, and the call's buttons. */
export function CallBar() {
  const { call, customer } = useAppSelector((s) => s.popup);
  const telecobranzasNumber = useAppSelector((s) => s.settings.line.telecobranzasNumber);
  const snapshot = useAppSelector((s) => (call ? selectCall(s, call.callId) : undefined));
  if (!call || !snapshot) return null;
  const ringing = snapshot.phase === 'ringing';
  return (
    <section className={`callbar ${ringing ? 'callbar--ringing' : ''}`} aria-label="Llamada">
      <p className="callbar__who">
        <span className="callbar__label">{ringing ? 'Llamada entrante' : 'Llamada'}:</span>{' '}
        <strong>{call.callerLabel}</strong>
        {call.displayName && <span className="muted"> ({call.displayName})</span>}
        {customer && (
          <>
            {' '}
            · {customer.nombre}{' '}
            {customer.bloqueos.map((code) => (
              <span key={code} className="badge">
                {code}
              </span>
            ))}
            {customer.codigoBloqueado && <span className="badge">código bloqueado</span>}
          </>
        )}
      </p>
      <CallControls callId={call.callId} telecobranzasNumber={telecobranzasNumber} />
    </section>
  );
}
