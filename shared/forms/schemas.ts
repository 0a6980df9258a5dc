import { z } from 'zod';
import { INVALID_TEXT_MESSAGE, isStorableText } from '../text/storable';
import { dateProblem } from '../validation/dates';
import { isValidRut } from '../validation/rut';
import { isValidPhone, normalizeChileanPhone } from '../validation/phone';
import { FORM_IDS, FORMS, type FieldDefinition, type FormId } from './fields';

/** Spanish messages shown next to the field. */
export const FIELD_MESSAGES = {
  required: 'Este dato es obligatorio.',
  rut: 'RUT inválido: revise los números y el dígito verificador.',
  email: 'Correo inválido: debe ser como nombre@dominio.cl.',
  phone: 'Teléfono inválido: use un número chileno, p. ej. +56 9 1234 5678.',
  date: 'Fecha inválida.',
  pastDate: 'La fecha no puede ser anterior a hoy.',
  samePhone: 'Debe ser distinto del teléfono de contacto.',
  tooLong: (max: number) => `Máximo ${max} caracteres.`,
  tooShort: (min: number) => `Escriba al menos ${min} caracteres.`,
} as const;

/** What is wrong with a (trimmed) value for that field, in Spanish, or null. */
export function fieldProblem(field: FieldDefinition, value: string): string | null {
  if (!isStorableText(value)) return INVALID_TEXT_MESSAGE;
  if ([...value].length > field.maxLength) return FIELD_MESSAGES.tooLong(field.maxLength);
  if (value === '') return field.required ? FIELD_MESSAGES.required : null;
  if (field.minLength && [...value].length < field.minLength) return FIELD_MESSAGES.tooShort(field.minLength);
  switch (field.kind) {
    case 'rut':
      return isValidRut(value) ? null : FIELD_MESSAGES.rut;
    case 'email':
      return z.email().safeParse(value).success ? null : FIELD_MESSAGES.email;
    case 'phone':
      return isValidPhone(value) ? null : FIELD_MESSAGES.phone;
    case 'date':
      return dateProblem(value);
    default:
      return null;
  }
}

/** One field's schema: trimmed, then checked by fieldProblem (also used by case steps). */
export function fieldSchema(field: FieldDefinition): z.ZodType<string> {
  return z
    .string({ error: FIELD_MESSAGES.required })
    .trim()
    .superRefine((value, ctx) => {
      const problem = fieldProblem(field, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

function buildSchema(id: FormId) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const field of FORMS[id].fields) {
    shape[field.name] = field.required
      ? fieldSchema(field)
      : (fieldSchema(field).optional().default('') as z.ZodType<string>);
  }
  // Unknown fields are an error: a payload is exactly what the form shows.
  return z.strictObject(shape);
}

export const FORM_SCHEMAS: Record<FormId, ReturnType<typeof buildSchema>> = Object.fromEntries(
  FORM_IDS.map((id) => [id, buildSchema(id)]),
) as Record<FormId, ReturnType<typeof buildSchema>>;

export type FormValues = Record<string, string>;

export type FormValidation =
  { ok: true; values: FormValues } | { ok: false; fieldErrors: Record<string, string> };

/** Rules that need more than the field itself. */
export interface FormRuleContext {
  /** "YYYY-MM-DD": dates marked notInPast must not be before it. Without it dates are not compared. */
  earliestDate?: string;
}

/** "YYYY-MM-DD" of a moment in this machine's time zone (what the agent calls "today"). */
export function localIsoDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * Checks between fields and against the date, on values that passed their own field checks:
 * a visit date in the past, a second phone that is the first one again.
 */
export function crossFieldErrors(
  id: FormId,
  values: FormValues,
  context: FormRuleContext = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of FORMS[id].fields) {
    const value = values[field.name] ?? '';
    if (value === '') continue;
    if (field.notInPast && context.earliestDate && value < context.earliestDate)
      errors[field.name] = FIELD_MESSAGES.pastDate;
    if (field.differentFrom) {
      const other = values[field.differentFrom] ?? '';
      const same = normalizeChileanPhone(value) ?? value.replace(/\s+/g, '');
      if (other !== '' && same === (normalizeChileanPhone(other) ?? other.replace(/\s+/g, '')))
        errors[field.name] = FIELD_MESSAGES.samePhone;
    }
  }
  return errors;
}

export function validateForm(id: FormId, values: unknown, context: FormRuleContext = {}): FormValidation {
  const result = FORM_SCHEMAS[id].safeParse(values);
  const fieldErrors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
      if (issue.code === 'unrecognized_keys') {
        fieldErrors._form = `Campos desconocidos: ${issue.keys.join(', ')}`;
      } else fieldErrors[key] ??= issue.message;
    }
  }
  const parsed = result.success ? (result.data as FormValues) : ((values ?? {}) as FormValues);
  for (const [name, message] of Object.entries(crossFieldErrors(id, parsed, context)))
    fieldErrors[name] ??= message;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, values: result.data as FormValues };
}
