import { stepLabel } from '../../../shared/blocks/popupPlan';
import { displayRut } from '../../../shared/validation/rut';
import { formatPhoneForDisplay } from '../../../shared/validation/phone';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { CustomerCases } from './CustomerCases';
import { popupReopened, requirementOpened } from './popupSlice';
import { REQUIREMENT_SHORTCUT } from './requirement/NewRequirementDialog';

/** The customer the agent has open, with what the blocks mean for the order. */
export function CustomerCard() {
  const dispatch = useAppDispatch();
  const { customer, steps, error } = useAppSelector((s) => s.popup);
  if (error) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  if (!customer) return null;
  const enabled = steps.length === 0;
  return (
    <section className={`card ${enabled ? 'card--ok' : 'card--blocked'}`} aria-label="Cliente seleccionado">
      <h2>{customer.nombre}</h2>
      <dl>
        <dt>Código</dt>
        <dd>{customer.codigo}</dd>
        <dt>RUT</dt>
        <dd>{displayRut(customer.rut)}</dd>
        <dt>Dirección</dt>
        <dd>
          {customer.calle} {customer.numero}, {customer.comuna}, {customer.region}
        </dd>
        <dt>Teléfonos</dt>
        <dd>{customer.telefonos.map(formatPhoneForDisplay).join(' · ') || '—'}</dd>
        <dt>Correo</dt>
        <dd>{customer.email || '—'}</dd>
        {customer.pedidoAbierto && (
          <>
            <dt>Pedido abierto</dt>
            <dd>
              {customer.pedidoAbierto.id} — {customer.pedidoAbierto.status}
            </dd>
          </>
        )}
      </dl>
      <p className="card__actions">
        <button
          type="button"
          aria-keyshortcuts={REQUIREMENT_SHORTCUT.label}
          onClick={() => dispatch(requirementOpened())}
        >
          Nuevo requerimiento <kbd>{REQUIREMENT_SHORTCUT.label}</kbd>
        </button>
      </p>
      <CustomerCases customerCode={customer.codigo} />
      {enabled ? (
        <p className="notice notice--ok">Cliente habilitado: sin bloqueos, puede tomar el pedido.</p>
      ) : (
        <p className="notice notice--blocked">
          No se puede tomar el pedido: {steps.map(stepLabel).join(', ')}.{' '}
          <button type="button" onClick={() => dispatch(popupReopened())}>
            Ver bloqueos
          </button>
        </p>
      )}
    </section>
  );
}
