/** Small builders for the step fields the procedures share (labels in Spanish). */
import type { CaseField } from './types';

export const text = (name: string, label: string, extra: Partial<CaseField> = {}): CaseField => ({
  name,
  label,
  kind: 'text',
  required: true,
  maxLength: 120,
  ...extra,
});

export const note = (name: string, label: string, extra: Partial<CaseField> = {}): CaseField => ({
  name,
  label,
  kind: 'textarea',
  required: true,
  maxLength: 2000,
  ...extra,
});

export const phone = (name: string, label: string, extra: Partial<CaseField> = {}): CaseField => ({
  name,
  label,
  kind: 'phone',
  required: true,
  maxLength: 20,
  ...extra,
});

export const date = (name: string, label: string, extra: Partial<CaseField> = {}): CaseField => ({
  name,
  label,
  kind: 'date',
  required: true,
  maxLength: 10,
  ...extra,
});

export const choice = (
  name: string,
  label: string,
  options: ReadonlyArray<{ value: string; label: string }>,
  extra: Partial<CaseField> = {},
): CaseField => ({ name, label, kind: 'select', required: true, maxLength: 64, options, ...extra });

export const avisoNumber = (extra: Partial<CaseField> = {}): CaseField =>
  text('avisoNumber', 'Número del aviso EME', {
    maxLength: 30,
    prefill: 'avisoNumber',
    hint: 'Como aparece en la Web Despacho.',
    ...extra,
  });
