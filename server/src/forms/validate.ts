import { FORMS, FORM_IDS, type FormId } from '../../../shared/forms/fields';
import { formSubmissionSchema, type FormSubmission } from '../../../shared/forms/submission';
import { cutText, toStorableText } from '../../../shared/text/storable';

const ENVELOPE_LABELS: Record<string, string> = {
  id: 'Identificador del formulario',
  formId: 'Tipo de formulario',
  customerCode: 'Código de cliente',
  customerName: 'Nombre del cliente',
  blockCodes: 'Códigos de bloqueo',
  agent: 'Agente',
  createdAt: 'Fecha de creación',
  supervisorReason: 'Motivo del aviso al supervisor',
  context: 'Datos relacionados',
  requirement: 'Requerimiento',
  values: 'Datos del formulario',
};

export type SubmissionCheck = { ok: true; submission: FormSubmission } | { ok: false; reason: string };

function isFormId(value: unknown): value is FormId {
  return typeof value === 'string' && (FORM_IDS as readonly string[]).includes(value);
}

/**
 * The app's own schema decides; the reason names fields by the labels the agent sees on the form,
 * e.g. "RUT del titular: RUT inválido: revise los números y el dígito verificador."
 */
export function checkSubmission(raw: unknown): SubmissionCheck {
  const result = formSubmissionSchema.safeParse(raw);
  if (result.success) return { ok: true, submission: result.data };
  const formId = typeof raw === 'object' && raw !== null ? (raw as { formId?: unknown }).formId : undefined;
  const fields = isFormId(formId) ? FORMS[formId].fields : [];
  const reasons: string[] = [];
  for (const issue of result.error.issues) {
    const [top, field] = issue.path.map(String);
    let label = top ? (ENVELOPE_LABELS[top] ?? top) : 'Formulario';
    if (top === 'values' && field)
      label = fields.find((f) => f.name === field)?.label ?? `Campo «${cutText(toStorableText(field), 40)}»`;
    // Unknown keys are the client's text: echoed printable and short.
    const message =
      issue.code === 'unrecognized_keys'
        ? `campos desconocidos: ${issue.keys.map((key) => cutText(toStorableText(key), 40)).join(', ')}`
        : issue.message;
    const text = `${label}: ${message}`;
    if (!reasons.includes(text)) reasons.push(text);
  }
  return { ok: false, reason: reasons.slice(0, 5).join(' · ') };
}
