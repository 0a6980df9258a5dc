import { useMemo, useState } from 'react';
import {
  CONDITIONS,
  prefilledValues,
  renderMail,
  roleLabels,
  validateStepData,
  type ActionDefinition,
  type RenderedMail,
  type StepDefinition,
} from '../../../shared/procedures';
import type { CaseDetail, CaseEventBody } from '../../../shared/api';
import { FormFields } from '../../components/FormFields';
import { CasesApiError } from './api';
import { procedureOf } from './format';

interface Props {
  detail: CaseDetail;
  step: StepDefinition;
  action: ActionDefinition;
  /** Sends the transition; rejects with CasesApiError. */
  onSubmit: (body: Extract<CaseEventBody, { type: 'transition' }>) => Promise<void>;
  onCancel: () => void;
  today: string;
}

/**
 * The data one action records, prefilled from what the case knows, checked with the same rules
 * the server applies, with a preview of the mails it sends. The client id is kept until the
 * server answers, so a retry after a lost answer is the same action, never a second one.
 */
export function StepForm({ detail, step, action, onSubmit, onCancel, today }: Props) {
  const definition = procedureOf(detail.procedure);
  const [values, setValues] = useState<Record<string, string>>(() =>
    prefilledValues(action.fields, detail.data),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [clientId, setClientId] = useState(() => crypto.randomUUID());

  const mails = useMemo(() => {
    const vars = { ...detail.mailVars, ...values };
    const facts = { regional: detail.regional };
    type Preview = { note: string } | { mail: RenderedMail; title: string };
    return (action.mails ?? []).flatMap((rule): Preview[] => {
      const template = definition.mails[rule.template];
      if (!template) return [];
      const applies = !rule.when || CONDITIONS[rule.when].holds(vars, facts);
      if (!applies) return rule.otherwiseNote ? [{ note: rule.otherwiseNote }] : [];
      return [{ mail: renderMail(template, vars, detail.mailboxes), title: template.title }];
    });
  }, [action, definition, detail, values]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const check = validateStepData(action.fields, action.checks, values, today);
    if (!check.ok) {
      setErrors(check.fieldErrors);
      setMessage('Revise los campos marcados.');
      return;
    }
    setErrors({});
    setMessage(null);
    setBusy(true);
    try {
      await onSubmit({
        type: 'transition',
        clientId,
        expectedVersion: detail.version,
        action: action.id,
        data: check.values,
      });
      setClientId(crypto.randomUUID());
    } catch (error) {
      if (error instanceof CasesApiError) {
        setErrors(error.fieldErrors);
        setMessage(error.message);
      } else {
        setMessage('No se pudo conectar con la central: sus datos siguen aquí, intente nuevamente.');
      }
    } finally {
      setBusy(false);
    }
  }

  const rolesNote = action.roles ? ` (lo registra: ${roleLabels(action.roles)})` : '';
  return (
    <form className="step-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="step-form-title">
      <h4 id="step-form-title">
        {action.label}
        {rolesNote}
      </h4>
      {action.description && <p className="muted">{action.description}</p>}
      {action.fields.length > 0 ? (
        <FormFields
          fields={action.fields}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
      ) : (
        <p className="muted">Esta acción no pide datos.</p>
      )}
      {mails.length > 0 && (
        <section className="step-form__mails" aria-label="Correos que se enviarán">
          {mails.map((entry, index) =>
            'note' in entry ? (
              <p key={index} className="notice">
                {entry.note}
              </p>
            ) : (
              <details key={index} open={index === 0}>
                <summary>
                  Se enviará: {entry.title} — Para: {entry.mail.to.join(', ') || '(sin destinatario)'}
                  {entry.mail.cc.length > 0 && ` · CC: ${entry.mail.cc.join(', ')}`}
                </summary>
                <p>
                  <strong>Asunto:</strong> {entry.mail.subject}
                </p>
                <pre
                  className="mail-preview"
                  tabIndex={0}
                  aria-label={`Texto del correo «${entry.mail.subject}»`}
                >
                  {entry.mail.body}
                </pre>
              </details>
            ),
          )}
        </section>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Registrando…' : 'Registrar'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancelar
        </button>
      </div>
      <p className="muted small">Paso: {step.title}</p>
    </form>
  );
}
