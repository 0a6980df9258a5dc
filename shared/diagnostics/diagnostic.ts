/**
 * "Copiar diagnóstico": one plain-text page support can read at a glance (version, line, queue,
 * directory age, recent log lines). Built the same way in Electron (main adds its log file) and in
 * web mode (the renderer's own recent lines). Everything passes through redactSecrets last, so no
 * field or log line can carry a password or token out.
 */
import { redactSecrets } from './redact';

/** What the renderer knows and main does not. */
export interface DiagnosticFacts {
  line: { status: string; label: string; server: string | null; extension: string | null };
  /** Calls the line holds right now (ringing, active, held). */
  liveCalls: number;
  queue: { pending: number; rejected: number; oldestPendingAt: string | null };
  directory: {
    customers: number | null;
    syncedAt: string | null;
    updatedAt: string | null;
    source: string | null;
  };
  backOffice: { url: string | null; reachability: string; signedIn: boolean };
  userAgent: string;
}

export interface DiagnosticInput {
  now: Date;
  app: { version: string; platform: string; electron: string | null; os: string | null };
  facts: DiagnosticFacts;
  /** Desktop only. */
  desktop?: {
    popShortcut: string;
    popShortcutProblem: string | null;
    startAtLogin: boolean;
    updateUrl: string | null;
    update: string;
    settingsProblem: string | null;
  };
  /** Most recent last. */
  logLines: readonly string[];
  /** Exact values to scrub (stored passwords and tokens). */
  knownSecrets?: readonly string[];
}

/** How many log lines go into a diagnostic. */
export const DIAGNOSTIC_LOG_LINES = 60;

function age(iso: string | null, now: Date): string {
  if (!iso) return 'nunca';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return `fecha ilegible (${iso})`;
  const minutes = Math.max(0, Math.floor((now.getTime() - at) / 60_000));
  const human =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
        : `${Math.floor(minutes / 1440)} días`;
  return `${iso} (hace ${human})`;
}

const orNone = (value: string | number | null) => (value === null || value === '' ? '—' : String(value));

export function buildDiagnostic(input: DiagnosticInput): string {
  const { facts, app, desktop, now } = input;
  const lines = [
    `Diagnóstico de Companion — ${now.toISOString()}`,
    '',
    '[Aplicación]',
    `versión: ${app.version}`,
    `plataforma: ${app.platform}${app.os ? ` (${app.os})` : ''}`,
    `electron: ${orNone(app.electron)}`,
    `navegador: ${facts.userAgent}`,
    '',
    '[Línea]',
    `estado: ${facts.line.status} — ${facts.line.label}`,
    `central SIP: ${orNone(facts.line.server)}`,
    `anexo: ${orNone(facts.line.extension)}`,
    `llamadas en curso: ${facts.liveCalls}`,
    '',
    '[Cola de formularios]',
    `pendientes: ${facts.queue.pending}`,
    `rechazados: ${facts.queue.rejected}`,
    `pendiente más antiguo: ${facts.queue.oldestPendingAt ? age(facts.queue.oldestPendingAt, now) : '—'}`,
    '',
    '[Directorio]',
    `clientes: ${orNone(facts.directory.customers)}`,
    `origen: ${orNone(facts.directory.source)}`,
    `última sincronización: ${age(facts.directory.syncedAt, now)}`,
    `datos al: ${age(facts.directory.updatedAt, now)}`,
    '',
    '[Central]',
    `dirección: ${orNone(facts.backOffice.url)}`,
    `alcanzable: ${facts.backOffice.reachability}`,
    `sesión iniciada: ${facts.backOffice.signedIn ? 'sí' : 'no'}`,
  ];
  if (desktop) {
    lines.push(
      '',
      '[Escritorio]',
      `atajo del aviso: ${desktop.popShortcut}${desktop.popShortcutProblem ? ` (inactivo: ${desktop.popShortcutProblem})` : ''}`,
      `iniciar con Windows: ${desktop.startAtLogin ? 'sí' : 'no'}`,
      `actualizaciones: ${orNone(desktop.updateUrl)} — ${desktop.update}`,
    );
    if (desktop.settingsProblem) lines.push(`configuración: ${desktop.settingsProblem}`);
  }
  const recent = input.logLines.slice(-DIAGNOSTIC_LOG_LINES);
  lines.push('', `[Registro: últimas ${recent.length} líneas]`, ...recent);
  return `${redactSecrets(lines.join('\n'), input.knownSecrets)}\n`;
}
