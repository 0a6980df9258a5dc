/** Valid step data for tests: one plausible value per field kind (never used by production code). */
import type { ActionDefinition, CaseField, OpeningDefinition } from '../types';

const PHONES = ['+56912345678', '+56987654321', '+56226939901'];

export function sampleValue(field: CaseField, index: number, today: string): string {
  switch (field.kind) {
    case 'phone':
      return PHONES[index % PHONES.length]!;
    case 'date':
      return today;
    case 'email':
      return 'cliente@correo.cl';
    case 'rut':
      return '12.345.678-5';
    case 'select':
      return field.options?.[0]?.value ?? '';
    default:
      return `Dato de prueba ${field.name}`.slice(0, field.maxLength);
  }
}

/** Every field of an action or opening filled with a valid value (phones all different). */
export function sampleData(
  item: Pick<ActionDefinition | OpeningDefinition, 'fields'>,
  today: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  let phoneIndex = 0;
  const values: Record<string, string> = {};
  for (const field of item.fields) {
    values[field.name] = sampleValue(field, field.kind === 'phone' ? phoneIndex++ : 0, today);
  }
  return { ...values, ...overrides };
}
