import { useState } from 'react';
import {
  PROCEDURES,
  actsAs,
  validateStepData,
  type Actor,
  type OpeningDefinition,
} from '../../../shared/procedures';
import type { CaseDetail } from '../../../shared/api';
import { FormFields } from '../../components/FormFields';
import { CasesApiError, type CasesApi } from './api';

interface Props {
  api: CasesApi;
  actor: Actor;
  today: string;
  onOpened: (detail: CaseDetail) => void;
  onCancel: () => void;
}

/** A case opened by hand (a work order at risk of anulación), by the area that detected it. */
export function NewCaseForm({ api, actor, today, onOpened, onCancel }: Props) {
  const openings = Object.values(PROCEDURES).flatMap((definition) =>
    definition.openings
      .filter((opening) => opening.source === 'manual' && actsAs(actor, opening.roles ?? []))
      .map((opening) => ({ definition, opening })),
  );
  const [choice, setChoice] = useState(
    openings[0] ? `${openings[0].definition.id}:${openings[0].opening.id}` : '',
  );
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const current = openings.find((o) => `${o.definition.id}:${o.opening.id}` === choice);
  const fields: OpeningDefinition['fields'] = current?.opening.fields ?? [];

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!current) return;
    const own = Object.fromEntries(fields.map((field) => [field.name, values[field.name] ?? '']));
    const check = validateStepData(fields, undefined, own, today);
    if (!check.ok) {
      setErrors(check.fieldErrors);
      setMessage('Revise los campos marcados.');
      return;
    }
    setBusy(true);
    try {
      const result = await api.open({
        clientId,
        procedure: current.definition.id,
        opening: current.opening.id,
        data: check.values,
      });
      setClientId(crypto.randomUUID());
      onOpened(result.case);
    } catch (error) {
      if (error instanceof CasesApiError) {
        setErrors(error.fieldErrors);
        setMessage(error.message);
      } else setMessage('No se pudo conectar con la central: sus datos siguen aquí, intente nuevamente.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="new-case" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-case-title">
      <h3 id="new-case-title">Nuevo caso</h3>
      <div className="field">
        <label htmlFor="new-case-opening">Cómo se detectó</label>
        <select id="new-case-opening" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {openings.map(({ definition, opening }) => (
            <option key={`${definition.id}:${opening.id}`} value={`${definition.id}:${opening.id}`}>
              {definition.code} · {opening.label}
            </option>
          ))}
        </select>
      </div>
      <div className="new-case__fields">
        <FormFields
          fields={fields}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        />
      </div>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !current}>
          {busy ? 'Abriendo…' : 'Abrir caso'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancelar
        </button>
      </div>
    </form>
  );
}
