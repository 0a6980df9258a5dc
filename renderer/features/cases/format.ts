import {
  PROCEDURES,
  type CaseField,
  type ProcedureDefinition,
  type ProcedureId,
} from '../../../shared/procedures';
import { FORMS } from '../../../shared/forms/fields';

const TIME_ZONE = 'America/Santiago';
const dateTime = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const fullDateTime = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "jue 12-03 10:00" (Chile). */
export function shortDateTime(iso: string): string {
  return dateTime.format(new Date(iso)).replace(',', '');
}

/** "12-03-2026 10:00" (Chile). */
export function longDateTime(iso: string): string {
  return fullDateTime.format(new Date(iso)).replace(',', '');
}

export function procedureOf(id: ProcedureId): ProcedureDefinition {
  return PROCEDURES[id];
}

export function stepTitle(procedure: ProcedureId, step: string | null): string {
  if (!step) return '';
  return PROCEDURES[procedure].steps[step]?.title ?? step;
}

export function endLabel(procedure: ProcedureId, end: string | null): string {
  if (!end) return '';
  return PROCEDURES[procedure].endStates[end]?.label ?? end;
}

export function actionLabel(procedure: ProcedureId, step: string | null, action: string | null): string {
  if (!action) return '';
  const definition = PROCEDURES[procedure];
  const fromStep = step ? definition.steps[step] : undefined;
  const found =
    fromStep?.actions.find((a) => a.id === action) ??
    Object.values(definition.steps)
      .flatMap((s) => s.actions)
      .find((a) => a.id === action);
  return found?.label ?? definition.openings.find((o) => o.id === action)?.label ?? action;
}

const BASE_LABELS: Record<string, string> = {
  customerCode: 'Código de cliente',
  customerName: 'Cliente',
  customerEmail: 'Correo del cliente',
  customerAddress: 'Dirección',
  customerRegion: 'Región',
};

/** Labels of every datum a case may hold: its procedure's fields, the agents' form fields, the directory's. */
export function dataLabels(definition: ProcedureDefinition): Record<string, string> {
  const labels: Record<string, string> = { ...BASE_LABELS };
  for (const form of Object.values(FORMS))
    for (const field of form.fields) labels[field.name] ??= field.label;
  const fields: CaseField[] = [
    ...definition.openings.flatMap((o) => o.fields),
    ...Object.values(definition.steps).flatMap((s) => s.actions.flatMap((a) => a.fields)),
  ];
  for (const field of fields) labels[field.name] = field.label;
  return labels;
}

/** The text of a value as the user chose it (a choice's label, not its code; a date as DD-MM-AAAA). */
export function displayValue(definition: ProcedureDefinition, name: string, value: string): string {
  const fields = [
    ...definition.openings.flatMap((o) => o.fields),
    ...Object.values(definition.steps).flatMap((s) => s.actions.flatMap((a) => a.fields)),
  ];
  const option = fields.find((f) => f.name === name)?.options?.find((o) => o.value === value);
  if (option) return option.label;
  // Dates as people in Chile write them: 10-01-2099.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return day ? `${day[3]}-${day[2]}-${day[1]}` : value;
}
