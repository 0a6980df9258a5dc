import type { CallLogEntry } from '../../../shared/telephony/callLog';

const count = (n: number) => n.toLocaleString('es-CL');

export interface UploadSummaryInput {
  /** A back office is configured (signed in or the kiosk default). */
  configured: boolean;
  pending: number;
  rejected: number;
  /** What the upload waits on (the oldest pending call's last error), and the next try (ms). */
  headError: string | null;
  retryInMs: number | null;
}

/** One line above the history: what the back office has of this workstation's calls. */
export function uploadSummary(input: UploadSummaryInput, formatIn: (ms: number) => string): string {
  const parts: string[] = [];
  if (!input.configured) parts.push('Sin central configurada: las llamadas se guardan solo en este equipo.');
  else if (input.pending === 0) parts.push('Todas las llamadas terminadas están en la central.');
  else {
    const calls =
      input.pending === 1 ? '1 llamada por enviar' : `${count(input.pending)} llamadas por enviar`;
    let line = `${calls} a la central`;
    if (input.headError) line += ` — ${input.headError}`;
    if (input.retryInMs !== null) line += ` (próximo intento ${formatIn(input.retryInMs)})`;
    parts.push(`${line}.`);
  }
  if (input.rejected > 0)
    parts.push(
      input.rejected === 1
        ? '1 llamada rechazada por la central (se conserva en este equipo).'
        : `${count(input.rejected)} llamadas rechazadas por la central (se conservan en este equipo).`,
    );
  return parts.join(' ');
}

/** The "Central" cell of one call. */
export function uploadCell(entry: Pick<CallLogEntry, 'uploadStatus' | 'uploadError'>): string {
  switch (entry.uploadStatus) {
    case 'enviado':
      return 'Enviada';
    case 'rechazado':
      return `Rechazada: ${entry.uploadError ?? 'sin motivo'}`;
    case 'pendiente':
      return 'Por enviar';
    default:
      return 'En curso';
  }
}
