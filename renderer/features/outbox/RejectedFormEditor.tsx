import { useEffect, useId, useRef, useState } from 'react';
import { FORMS } from '../../../shared/forms/fields';
import { FormFields } from '../../components/FormFields';
import { localIsoDate, validateForm } from '../../../shared/forms/schemas';
import { explainFailure } from '../../platform';
import { useServices } from '../../app/servicesContext';
import { Modal } from '../../components/Modal';
import { ResubmitError, type SyncedOutboxEntry } from './outboxRepo';

interface Props {
  entry: SyncedOutboxEntry;
  onClose: () => void;
}

/**
 * A rejected form opened again with what was sent, the server's reason on top. Saving puts it
 * back in the queue under the same id (the server stored nothing for it) and sends it at once.
 */
export function RejectedFormEditor({ entry, onClose }: Props) {
  const { outbox, sender, platform } = useServices();
  const definition = FORMS[entry.submission.formId];
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...entry.submission.values }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, []);

  const save = async () => {
    const verdict = validateForm(entry.submission.formId, values, { earliestDate: localIsoDate(new Date()) });
    if (!verdict.ok) {
      setErrors(verdict.fieldErrors);
      return;
    }
    setSaving(true);
    try {
      await outbox.resubmitRejected(entry.id, verdict.values);
      sender.retryNow();
      onClose();
    } catch (error) {
      setErrors(
        error instanceof ResubmitError
          ? { _form: error.message, ...error.fieldErrors }
          : {
              _form: explainFailure(
                platform.log,
                'rejected form not saved',
                error,
                'No se pudo guardar la corrección: sus datos siguen en pantalla, intente de nuevo.',
              ),
            },
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal ref={dialogRef} aria-labelledby={titleId} className="popup editor" onClose={onClose}>
      <div className="popup__head">
        <h2 id={titleId}>Corregir formulario rechazado</h2>
        <p>
          <strong>{definition.title}</strong> · {entry.submission.customerName} (
          {entry.submission.customerCode}) · bloqueo {entry.submission.blockCodes.join(', ') || '—'}
        </p>
        <p className="editor__reason">
          <strong>Motivo de la central:</strong> {entry.lastError}
        </p>
      </div>
      <div className="popup__scroll">
        <form
          className="block-form"
          noValidate
          aria-label={definition.title}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <FormFields
            fields={definition.fields}
            values={values}
            errors={errors}
            onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
          />
          {errors._form && (
            <p role="alert" className="error">
              {errors._form}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>
              Guardar y reenviar
            </button>
            <button type="button" onClick={onClose}>
              Cancelar
            </button>
          </div>
        </form>
      </div>
    </Modal>
  );
}
