import { useSelector } from 'react-redux';
import { lineLabel } from '../../../shared/telephony/lineState';
import { useServices } from '../../app/servicesContext';
import { useNow } from '../../components/useNow';
import { selectLineState } from './lineSlice';

/**
 * The line's state, always visible: "Conectando", "En línea", "Sin conexión — reintentando en N s",
 * "Credenciales rechazadas". A live region, so a screen reader hears the line drop and come back.
 */
export function LineStatus({ onRetry }: { onRetry?: () => void }) {
  const state = useSelector(selectLineState);
  const { line } = useServices();
  const now = useNow(state.status === 'offline' ? 1000 : null);
  const canRetry = state.status === 'offline' || state.status === 'rejected';
  return (
    <div className={`line-status line-status--${state.status}`}>
      <span role="status" data-line-status={state.status}>
        {lineLabel(state, now)}
      </span>
      {canRetry && (
        <button type="button" onClick={onRetry ?? (() => line.retryNow())}>
          Reintentar línea
        </button>
      )}
    </div>
  );
}
