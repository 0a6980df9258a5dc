import { useEffect, useId, useRef } from 'react';
import { popupAction } from '../../../shared/blocks/popupAction';
import { popupTitle, stepLabel } from '../../../shared/blocks/popupPlan';
import { displayRut } from '../../../shared/validation/rut';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { Modal } from '../../components/Modal';
import { CallBar } from './CallBar';
import { CustomerCases } from './CustomerCases';
import { popupClosed, requirementOpened, stepSelected } from './popupSlice';
import { REQUIREMENT_SHORTCUT } from './requirement/NewRequirementDialog';
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
  const { customer, steps, index, open, outcomes, stages, guards } = useAppSelector((s) => s.popup);
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const step = steps[index];
  const outcome = outcomes[index];

  const stage = stages[index];

  // Another step or stage, or a form that went away on submit: focus would fall out of the dialog's
  // content (on the page body), so it goes to the dialog itself (Esc and Tab keep working).
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.contains(document.activeElement)) dialog.focus();
  }, [index, customer?.codigo, outcome, stage]);

  if (!open || !customer || !step) return null;
  const script = step.type === 'block' ? step.definition.script : step.script;

  return (
    <Modal
      ref={dialogRef}
      aria-labelledby={titleId}
      tabIndex={-1}
      className={`popup popup--${step.type === 'block' ? step.definition.key : step.type}`}
      onClose={() => dispatch(popupClosed())}
    >
      <div className="popup__head">
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
                      {stepLabel(s)}
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
      </div>
      {/* The one part that scrolls: the buttons above and below stay in view at 1280×720. */}
      <div className="popup__scroll">
        <CustomerCases customerCode={customer.codigo} />
        <section className="popup__script" aria-label="Guion">
          {script.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
        <p className="popup__action">
          <strong>Acción:</strong>{' '}
          {outcome ? popupAction(step) : popupAction(step, stage, guards[index] ?? null)}
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
      </div>
      <footer className="popup__footer">
        <button
          type="button"
          className="popup__requirement"
          aria-keyshortcuts={REQUIREMENT_SHORTCUT.label}
          onClick={() => dispatch(requirementOpened())}
        >
          Nuevo requerimiento <kbd>{REQUIREMENT_SHORTCUT.label}</kbd>
        </button>
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
    </Modal>
  );
}
