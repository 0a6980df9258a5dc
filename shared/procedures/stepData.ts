/**
 * Validation of what a user records at a step: the same field rules and Spanish messages as the
 * agents' forms (`shared/forms/schemas.ts`), plus choices from a list, real calendar dates, dates
 * not in the past and checks across fields. The screens validate with it before sending; the
 * server validates again with it before any transition.
 */
import { z } from 'zod';
import { isDay } from '../calendar';
import type { FieldKind } from '../forms/fields';
import { FIELD_MESSAGES, fieldSchema } from '../forms/schemas';
import { normalizeChileanPhone } from '../validation/phone';
import type { CaseField, FieldCheck } from './types';

export type StepDataResult =
  { ok: true; values: Record<string, string> } | { ok: false; fieldErrors: Record<string, string> };

export const STEP_DATA_MESSAGES = {
  choice: 'Elija una de las opciones.',
  pastDate: 'La fecha no puede ser anterior a hoy.',
  unknownField: (names: string[]) => `Datos que este paso no registra: ${names.join(', ')}.`,
  notAnObject: 'Los datos del paso deben ser un formulario.',
} as const;

function fieldValue(field: CaseField, raw: unknown, today: string): { value: string } | { error: string } {
  if (field.kind === 'select') {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') return field.required ? { error: FIELD_MESSAGES.required } : { value: '' };
    return field.options?.some((option) => option.value === value)
      ? { value }
      : { error: STEP_DATA_MESSAGES.choice };
  }
  const schema = fieldSchema({ ...field, kind: field.kind as FieldKind });
  const parsed = (field.required ? schema : schema.optional().default('')).safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? FIELD_MESSAGES.required };
  const value = parsed.data as string;
  if (field.kind === 'date' && value !== '') {
    if (!isDay(value)) return { error: FIELD_MESSAGES.date };
    if (field.notInPast && value < today) return { error: STEP_DATA_MESSAGES.pastDate };
  }
  return { value };
}

/** Two ways of writing one phone number ("9 1234 5678", "+56912345678") are the same number. */
function normalizedForCompare(value: string): string {
  return normalizeChileanPhone(value) ?? value.trim().toLowerCase();
}

/** Validates `raw` against the step's fields; `today` (YYYY-MM-DD, Chile) for dates not in the past. */
export function validateStepData(
  fields: readonly CaseField[],
  checks: readonly FieldCheck[] | undefined,
  raw: unknown,
  today: string,
): StepDataResult {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, fieldErrors: { _form: STEP_DATA_MESSAGES.notAnObject } };
  }
  const input = raw as Record<string, unknown>;
  const fieldErrors: Record<string, string> = {};
  const unknown = Object.keys(input).filter((name) => !fields.some((field) => field.name === name));
  if (unknown.length > 0) fieldErrors._form = STEP_DATA_MESSAGES.unknownField(unknown.slice(0, 5));
  const values: Record<string, string> = {};
  for (const field of fields) {
    const result = fieldValue(field, input[field.name], today);
    if ('error' in result) fieldErrors[field.name] = result.error;
    else values[field.name] = result.value;
  }
  for (const check of checks ?? []) {
    const [a, b] = check.fields;
    if (check.kind === 'distinct' && values[a] && values[b] && !fieldErrors[b]) {
      if (normalizedForCompare(values[a]!) === normalizedForCompare(values[b]!))
        fieldErrors[b] = check.message;
    }
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, values };
}

/** The values a step form starts with: what the case already knows under each field's `prefill` key. */
export function prefilledValues(
  fields: readonly CaseField[],
  data: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => [field.name, (field.prefill && data[field.prefill]) || '']),
  );
}

export const stepDataSchema = z.record(z.string().max(64), z.string().max(4000));
