import type { CallLogEntry } from '../../../shared/telephony/callLog';

const count = (n: number) => n.toLocaleString('es-CL');

export interface UploadSummaryInput {
  /** A back office is configured (signed in or the kiosk default). */
  configured: boolean;
  pending: number;
  /** Calls waiting for another agent's session, by agent. */
  held?: Record<string, number>;
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
  for (const [agent, n] of Object.entries(input.held ?? {}))
    parts.push(
      n === 1
        ? `1 llamada de ${agent} espera que ${agent} inicie sesión para enviarse a su nombre.`
        : `${count(n)} llamadas de ${agent} esperan que ${agent} inicie sesión para enviarse a su nombre.`,
    );
  if (input.rejected > 0)
    parts.push(
      input.rejected === 1
        ? '1 llamada rechazada por la central (se conserva en este equipo).'
        : `${count(input.rejected)} llamadas rechazadas por la central (se conservan en este equipo).`,
    );
  return parts.join(' ');
}

/** The "Central" cell of one call, as the account signed in now (`agent`) sees it. */
export function uploadCell(
  entry: Pick<CallLogEntry, 'uploadStatus' | 'uploadError' | 'agent'>,
  agent: string | null = null,
): string {
  if (entry.uploadStatus === 'pendiente' && entry.agent && entry.agent !== agent)
    return `Espera la sesión de ${entry.agent}`;
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
