import { useEffect, useId, useRef, useState } from 'react';
import type { Customer } from '../../../shared/directory/customer';
import { FORMS, type FieldDefinition, type FormId } from '../../../shared/forms/fields';
import { validateForm } from '../../../shared/forms/schemas';
import type { FormSubmission, SupervisorReason } from '../../../shared/forms/submission';
import { displayRut } from '../../../shared/validation/rut';
import { formatPhoneForDisplay } from '../../../shared/validation/phone';
import type { OutboxEntry } from '../../db/db';
import { loadDraft, queueSubmission, saveDraft } from '../outbox/outboxRepo';
import { currentAgent } from '../settings/agent';

interface Props {
  formId: FormId;
  customer: Customer;
  blockCodes: string[];
  submitLabel?: string;
  supervisorReason?: SupervisorReason;
  context?: FormSubmission['context'];
  onQueued: (entry: OutboxEntry) => void;
}

const DRAFT_DELAY_MS = 250;

function prefill(field: FieldDefinition, customer: Customer): string {
  switch (field.prefillFrom) {
    case 'rut':
      return displayRut(customer.rut);
    case 'nombre':
      return customer.nombre;
    case 'email':
      return customer.email;
    case 'telefono':
      return customer.telefonos[0] ? formatPhoneForDisplay(customer.telefonos[0]) : '';
    default:
      return '';
  }
}

/**
 * A pop-up form rendered from its definition in shared/forms. What the agent types is saved as a
 * draft while they type; "OK" validates with the same schema the back office uses and queues it.
 */
export function BlockForm({ formId, customer, blockCodes, submitLabel = 'OK', supervisorReason, context, onQueued }: Props) {
  const definition = FORMS[formId];
  const draftKey = `${customer.codigo}|${formId}|${supervisorReason ?? ''}`;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(definition.fields.map((field) => [field.name, prefill(field, customer)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const touched = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useId();

  useEffect(() => {
    let cancelled = false;
    void loadDraft(draftKey).then((draft) => {
      if (draft && !cancelled && !touched.current) setValues((current) => ({ ...current, ...draft }));
    });
    return () => {
      cancelled = true;
    };
  }, [draftKey]);

  useEffect(() => {
    if (!touched.current) return;
    const timer = window.setTimeout(() => void saveDraft(draftKey, values), DRAFT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draftKey, values]);

  const submit = async () => {
    const verdict = validateForm(formId, values);
    if (!verdict.ok) {
      setErrors(verdict.fieldErrors);
      const first = definition.fields.find((field) => verdict.fieldErrors[field.name]);
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first.name}"]`)?.focus();
      return;
    }
    setErrors({});
    setSaving(true);
    setSaveError(null);
    try {
      const entry = await queueSubmission(
        {
          formId,
          customerCode: customer.codigo,
          customerName: customer.nombre,
          blockCodes,
          agent: currentAgent(),
          values: verdict.values,
          ...(supervisorReason ? { supervisorReason } : {}),
          ...(context ? { context } : {}),
        },
        draftKey,
      );
      onQueued(entry);
    } catch (error) {
      // The draft is still in IndexedDB (or on screen): nothing typed is lost.
      setSaveError(
        `No se pudo guardar el formulario en este equipo (${error instanceof Error ? error.message : String(error)}). ` +
          'Sus datos siguen en pantalla: intente de nuevo o avise al supervisor.',
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="block-form"
      noValidate
      aria-label={definition.title}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{definition.title}</h3>
      {definition.fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        const common = {
          id,
          name: field.name,
          value: values[field.name] ?? '',
          maxLength: field.maxLength,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : field.hint ? `${id}-hint` : undefined,
          'aria-required': field.required,
          onChange: (event: { target: { value: string } }) => {
            touched.current = true;
            const value = event.target.value;
            setValues((current) => ({ ...current, [field.name]: value }));
          },
        };
        return (
          <div key={field.name} className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor={id}>
              {field.label}
              {field.required && <span aria-hidden="true"> *</span>}
            </label>
            {field.kind === 'textarea' ? (
              <textarea rows={3} {...common} />
            ) : (
              <input
                type={{ text: 'text', rut: 'text', email: 'email', phone: 'tel', date: 'date', textarea: 'text' }[field.kind]}
                autoComplete="off"
                {...common}
              />
            )}
            {field.hint && !error && (
              <small id={`${id}-hint`} className="muted">
                {field.hint}
              </small>
            )}
            {error && (
              <small id={`${id}-error`} className="error">
                {error}
              </small>
            )}
          </div>
        );
      })}
      {errors._form && <p className="error">{errors._form}</p>}
      {saveError && (
        <p role="alert" className="error">
          {saveError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
