import { useId } from 'react';
import type { FieldDefinition } from '../../shared/forms/fields';
import { localIsoDate } from '../../shared/forms/schemas';

/** A form field definition, or a case step's (which may also be a choice from a list). */
export type FormFieldLike =
  | FieldDefinition
  | (Omit<FieldDefinition, 'kind' | 'prefillFrom'> & {
      kind: FieldDefinition['kind'] | 'select';
      options?: ReadonlyArray<{ value: string; label: string }>;
    });

const INPUT_TYPE = {
  text: 'text',
  rut: 'text',
  email: 'email',
  phone: 'tel',
  date: 'date',
  textarea: 'text',
} as const;

interface Props {
  fields: readonly FormFieldLike[];
  values: Record<string, string>;
  /** Spanish message per field name, shown next to the field. */
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
}

/** A select takes every common attribute but the length limit. */
function selectProps<T extends { maxLength: number }>({ maxLength: _maxLength, ...rest }: T) {
  return rest;
}

/** The inputs of a form definition (shared/forms) or a case step, each with its label, hint and error message. */
export function FormFields({ fields, values, errors, onChange }: Props) {
  const idPrefix = useId();
  return (
    <>
      {fields.map((field) => {
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
          onChange: (event: { target: { value: string } }) => onChange(field.name, event.target.value),
        };
        return (
          <div key={field.name} className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor={id}>
              {field.label}
              {field.required && <span aria-hidden="true"> *</span>}
            </label>
            {field.kind === 'textarea' ? (
              <textarea rows={3} {...common} />
            ) : field.kind === 'select' ? (
              <select {...selectProps(common)}>
                <option value="">Elija…</option>
                {('options' in field ? (field.options ?? []) : []).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={INPUT_TYPE[field.kind]}
                autoComplete="off"
                min={field.notInPast ? localIsoDate(new Date()) : undefined}
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
    </>
  );
}
