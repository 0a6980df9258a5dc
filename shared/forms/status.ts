/**
 * Where a form stands in the back office: received (stored, not yet acted on), then resolved once,
 * either done ("resuelto") or turned down ("rechazado": wrong or not applicable; it counts in the
 * agent's rejection rate). The server keeps it in forms.status (migration 006).
 */
export const FORM_STATUSES = ['recibido', 'resuelto', 'rechazado'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export const FORM_STATUS_LABEL: Record<FormStatus, string> = {
  recibido: 'Recibido (sin resolver)',
  resuelto: 'Resuelto',
  rechazado: 'Rechazado por el back office',
};
