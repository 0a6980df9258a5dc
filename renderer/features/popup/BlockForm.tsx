import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { FormFields } from '../../components/FormFields';
import type { Customer } from '../../../shared/directory/customer';
import { FORMS, type FieldDefinition, type FormId } from '../../../shared/forms/fields';
import { localIsoDate, validateForm } from '../../../shared/forms/schemas';
import { explainFailure } from '../../platform';
import type { FormSubmission, SupervisorReason } from '../../../shared/forms/submission';
import type { Requirement } from '../../../shared/requirements/requirement';
import { displayRut } from '../../../shared/validation/rut';
import { formatPhoneForDisplay } from '../../../shared/validation/phone';
import { useServices } from '../../app/servicesContext';
import type { OutboxEntry } from '../../db/db';
import { currentAgent } from '../settings';

type Context = FormSubmission['context'];

export type QueueResult = { ok: true; entry: OutboxEntry } | { ok: false; reason: 'invalid' | 'not-saved' };

/** For a caller outside the form (the pop window's transfer): queue what is on screen now. */
export interface BlockFormHandle {
  /**
   * Validates and queues the form as its own button does, with `context` added, without calling
   * `onQueued`. When it cannot, the form marks the fields (or shows the save error) and keeps the text.
   */
  queue(context?: Context): Promise<QueueResult>;
}

interface Props {
  formId: FormId;
  customer: Customer;
  blockCodes: string[];
  submitLabel?: string;
  supervisorReason?: SupervisorReason;
  context?: Context;
  /** Post-sale forms: the typology leaf and what goes with it. */
  requirement?: Requirement;
  /** A Spanish reason not to send yet (something outside the fields), or null. */
  beforeSubmit?: () => string | null;
  onQueued: (entry: OutboxEntry) => void;
  ref?: Ref<BlockFormHandle>;
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
 * The fields as this customer's form shows them: a field pre-filled with the account holder's name
 * says whose name it is, since the caller is often someone else (the holder is often a company).
 */
function withHolder(fields: readonly FieldDefinition[], customer: Customer): FieldDefinition[] {
  return fields.map((field) =>
    field.prefillFrom === 'nombre'
      ? {
          ...field,
          hint: `Titular de la cuenta: ${customer.nombre}. Si llama otra persona, escriba su nombre.${field.hint ? ` ${field.hint}` : ''}`,
        }
      : field,
  );
}

/**
 * A pop-up form rendered from its definition in shared/forms. What the agent types is saved as a
 * draft while they type; "OK" validates with the same schema the back office uses and queues it.
 */
export function BlockForm({
  formId,
  customer,
  blockCodes,
  submitLabel = 'OK',
  supervisorReason,
  context,
  requirement,
  beforeSubmit,
  onQueued,
  ref,
}: Props) {
  const { outbox, platform } = useServices();
  const definition = FORMS[formId];
  const draftKey = [
    customer.codigo,
    formId,
    supervisorReason ?? '',
    ...(requirement ? [requirement.typeId, requirement.relatedTicketId ?? ''] : []),
  ].join('|');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(definition.fields.map((field) => [field.name, prefill(field, customer)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Once a send was refused by `beforeSubmit`, its reason shows live (and goes once resolved).
  const [showBlocked, setShowBlocked] = useState(false);
  const blocked = showBlocked ? (beforeSubmit?.() ?? null) : null;
  const touched = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let cancelled = false;
    void outbox.loadDraft(draftKey).then((draft) => {
      if (draft && !cancelled && !touched.current) setValues((current) => ({ ...current, ...draft }));
    });
    return () => {
      cancelled = true;
    };
  }, [draftKey, outbox]);

  useEffect(() => {
    if (!touched.current) return;
    const timer = window.setTimeout(() => void outbox.saveDraft(draftKey, values), DRAFT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draftKey, values, outbox]);

  const validateAndQueue = async (extraContext: Context): Promise<QueueResult> => {
    if (beforeSubmit?.()) {
      setShowBlocked(true);
      return { ok: false, reason: 'invalid' };
    }
    const verdict = validateForm(formId, values, { earliestDate: localIsoDate(new Date()) });
    if (!verdict.ok) {
      setErrors(verdict.fieldErrors);
      const first = definition.fields.find((field) => verdict.fieldErrors[field.name]);
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first.name}"]`)?.focus();
      return { ok: false, reason: 'invalid' };
    }
    const fullContext = context || extraContext ? { ...context, ...extraContext } : undefined;
    setErrors({});
    setSaving(true);
    setSaveError(null);
    try {
      const entry = await outbox.queueSubmission(
        {
          formId,
          customerCode: customer.codigo,
          customerName: customer.nombre,
          blockCodes,
          agent: currentAgent(),
          values: verdict.values,
          ...(supervisorReason ? { supervisorReason } : {}),
          ...(fullContext ? { context: fullContext } : {}),
          ...(requirement ? { requirement } : {}),
        },
        draftKey,
      );
      return { ok: true, entry };
    } catch (error) {
      // The draft is still in IndexedDB (or on screen): nothing typed is lost.
      setSaveError(
        explainFailure(
          platform.log,
          `form ${formId} not queued`,
          error,
          'No se pudo guardar el formulario en este equipo. Sus datos siguen en pantalla: intente de nuevo o avise al supervisor.',
        ),
      );
      return { ok: false, reason: 'not-saved' };
    } finally {
      setSaving(false);
    }
  };

  // One queuing at a time: a second request while one runs (the button and the pop window's
  // transfer at once) gets the same result, so the form is never queued twice.
  const inFlight = useRef<Promise<QueueResult> | null>(null);
  const queueOnce = (extraContext?: Context): Promise<QueueResult> => {
    inFlight.current ??= validateAndQueue(extraContext).finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  };

  useImperativeHandle(ref, () => ({ queue: queueOnce }));

  const submit = async () => {
    const result = await queueOnce();
    if (result.ok) onQueued(result.entry);
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
      <FormFields
        fields={withHolder(definition.fields, customer)}
        values={values}
        errors={errors}
        onChange={(name, value) => {
          touched.current = true;
          setValues((current) => ({ ...current, [name]: value }));
        }}
      />
      {errors._form && <p className="error">{errors._form}</p>}
      {blocked && (
        <p role="alert" className="error">
          {blocked}
        </p>
      )}
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
