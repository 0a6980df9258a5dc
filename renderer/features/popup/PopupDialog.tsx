import { useEffect, useId, useRef } from 'react';
import { AREAS } from '../../../shared/blocks/areas';
import { popupTitle, type PopupStep } from '../../../shared/blocks/popupPlan';
import { displayRut } from '../../../shared/validation/rut';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { CallBar } from './CallBar';
import { CustomerCases } from './CustomerCases';
import { popupClosed, stepSelected } from './popupSlice';
import {
  ChangeOfNameStep,
  FormStep,
  OutcomeNotice,
  ReplacedStep,
  TelecobranzasStep,
  TicketStep,
  UnknownCodeStep,
  type StepProps,
} from './steps';

/** What the pop-up leads to, in the agent's words. */
function actionText(step: PopupStep): string {
  if (step.type === 'replaced') return 'Buscar el código nuevo; si no aparece, informar al supervisor.';
  if (step.type === 'unknown') return `Informar a: ${AREAS.supervisor.name}.`;
  const area = AREAS[step.definition.area].name;
  switch (step.definition.kind) {
    case 'search':
      return 'Sin formulario: buscar otro código habilitado y tomar el pedido con él.';
    case 'ticket':
      return `Ticket postventa para: ${area}.`;
    case 'form':
      return `Al presionar OK se envía el formulario a: ${area}.`;
  }
}

function StepBody(props: StepProps) {
  const { step } = props;
  if (step.type === 'replaced') return <ReplacedStep {...props} step={step} />;
  if (step.type === 'unknown') return <UnknownCodeStep {...props} />;
  if (step.definition.key === 'TC') return <TelecobranzasStep {...props} step={step} />;
  if (step.definition.kind === 'ticket') return <TicketStep {...props} step={step} />;
  if (step.definition.kind === 'search') return <ChangeOfNameStep {...props} />;
  return <FormStep {...props} step={step} />;
}

export function PopupDialog() {
  const dispatch = useAppDispatch();
  const { customer, steps, index, open, outcomes } = useAppSelector((s) => s.popup);
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const step = steps[index];

  useEffect(() => {
    if (open) dialogRef.current?.focus();
  }, [open, index, customer?.codigo]);

  if (!open || !customer || !step) return null;
  const outcome = outcomes[index];
  const script = step.type === 'block' ? step.definition.script : step.script;

  return (
    <div className="overlay">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`popup popup--${step.type === 'block' ? step.definition.key : step.type}`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') dispatch(popupClosed());
        }}
      >
        <CallBar />
        <header className="popup__header">
          <h2 id={titleId}>{popupTitle(step)}</h2>
          {steps.length > 1 && (
            <nav aria-label="Bloqueos del cliente" className="popup__steps">
              <span>
                Bloqueo {index + 1} de {steps.length} (en orden de prioridad):
              </span>
              <ol>
                {steps.map((s, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      aria-current={i === index ? 'step' : undefined}
                      onClick={() => dispatch(stepSelected(i))}
                    >
                      {s.codes.join(' · ')}
                      {outcomes[i] ? ' ✓' : ''}
                    </button>
                  </li>
                ))}
              </ol>
            </nav>
          )}
        </header>
        <p className="popup__customer">
          <strong>{customer.nombre}</strong> · código {customer.codigo} · RUT {displayRut(customer.rut)} ·{' '}
          {customer.calle} {customer.numero}, {customer.comuna}
        </p>
        <CustomerCases customerCode={customer.codigo} />
        <section className="popup__script" aria-label="Guion">
          {script.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
        <p className="popup__action">
          <strong>Acción:</strong> {actionText(step)}
        </p>
        <div className="popup__body">
          {outcome ? (
            <OutcomeNotice outcome={outcome} />
          ) : (
            <StepBody
              key={`${customer.codigo}-${index}`}
              step={step}
              index={index}
              customer={customer}
              outcome={outcome}
            />
          )}
        </div>
        <footer className="popup__footer">
          {index > 0 && (
            <button type="button" onClick={() => dispatch(stepSelected(index - 1))}>
              Bloqueo anterior
            </button>
          )}
          {index < steps.length - 1 && (
            <button
              type="button"
              className={outcome ? 'primary' : undefined}
              onClick={() => dispatch(stepSelected(index + 1))}
            >
              Siguiente bloqueo
            </button>
          )}
          <button type="button" onClick={() => dispatch(popupClosed())}>
            Cerrar
          </button>
        </footer>
      </div>
    </div>
  );
}
