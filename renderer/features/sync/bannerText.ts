import type { Reachability } from './reachability';
import type { SenderStatus } from './syncController';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "hace 12 min", "hace 3 h", "hace 2 días" — a clock set in the future shows "hace menos de 1 min". */
export function formatAgo(ms: number): string {
  if (ms < MINUTE) return 'hace menos de 1 min';
  if (ms < HOUR) return `hace ${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `hace ${Math.floor(ms / HOUR)} h`;
  return `hace ${Math.floor(ms / DAY)} días`;
}

export function formatIn(ms: number): string {
  if (ms < 1_000) return 'en un momento';
  if (ms < MINUTE) return `en ${Math.ceil(ms / 1_000)} s`;
  return `en ${Math.ceil(ms / MINUTE)} min`;
}

const count = (n: number) => n.toLocaleString('es-CL');

export function formsInQueue(pending: number): string {
  return pending === 1 ? '1 formulario en cola' : `${count(pending)} formularios en cola`;
}

export interface BannerInput {
  /** A back office is configured (stored session or kiosk default). */
  configured: boolean;
  session: 'signed-out' | 'active' | 'expired';
  reachability: Reachability;
  reachabilityDetail: string | null;
  pending: number;
  rejected: number;
  oldestPendingAt: string | null;
  headError: string | null;
  headNextAttemptAt: string | null;
  /** Only in the window that sends. */
  sender: SenderStatus | null;
  now: number;
}

export type BannerTone = 'ok' | 'busy' | 'warn' | 'error';

export interface BannerView {
  tone: BannerTone;
  text: string;
  /** Shown after the text: the error behind a wait, the rejected forms. */
  detail: string | null;
}

function queuePart(input: BannerInput): string {
  if (input.pending === 0) return 'no hay formularios en cola';
  const oldest = input.oldestPendingAt ? Date.parse(input.oldestPendingAt) : Number.NaN;
  const age = Number.isFinite(oldest) ? `, el más antiguo ${formatAgo(Math.max(0, input.now - oldest))}` : '';
  return `${formsInQueue(input.pending)}${age}`;
}

function rejectedPart(input: BannerInput): string | null {
  if (input.rejected === 0) return null;
  return input.rejected === 1
    ? '1 formulario rechazado: corríjalo en «Formularios».'
    : `${count(input.rejected)} formularios rechazados: corríjalos en «Formularios».`;
}

/** The banner's words for the state of the queue and the connection. */
export function bannerView(input: BannerInput): BannerView {
  const queue = queuePart(input);
  const rejected = rejectedPart(input);
  const join = (...parts: Array<string | null>) => parts.filter(Boolean).join(' ') || null;

  if (!input.configured) {
    return {
      tone: 'warn',
      text: `Sin central configurada — ${queue}. Los formularios esperan en este equipo.`,
      detail: rejected,
    };
  }
  if (input.session === 'expired') {
    return {
      tone: 'error',
      text: `Sesión vencida en la central: inicie sesión nuevamente — ${queue}; no se pierde ninguno.`,
      detail: rejected,
    };
  }
  if (input.session === 'signed-out') {
    return {
      tone: 'warn',
      text: `Sin sesión en la central — ${queue}. Inicie sesión para enviarlos.`,
      detail: rejected,
    };
  }
  if (input.reachability === 'offline') {
    return { tone: 'error', text: `Sin conexión con la central — ${queue}`, detail: join(rejected) };
  }
  if (input.reachability === 'server-error') {
    return {
      tone: 'error',
      text: `La central no está respondiendo bien — ${queue}`,
      detail: join(input.reachabilityDetail, rejected),
    };
  }
  if (input.reachability === 'unknown' || input.reachability === 'unconfigured') {
    return { tone: 'busy', text: `Comprobando la conexión con la central — ${queue}`, detail: rejected };
  }
  if (input.pending === 0) {
    return {
      tone: rejected ? 'warn' : 'ok',
      text: 'Conectado con la central — todos los formularios enviados.',
      detail: rejected,
    };
  }
  const retryAt = input.sender
    ? input.sender.retryAt
    : input.headNextAttemptAt
      ? Date.parse(input.headNextAttemptAt)
      : null;
  const waiting = input.sender ? input.sender.phase === 'waiting' : retryAt !== null && retryAt > input.now;
  if (waiting && retryAt !== null) {
    const error = input.sender?.error ?? input.headError;
    return {
      tone: 'warn',
      text: `La central no recibió el último envío — ${queue}; próximo intento ${formatIn(Math.max(0, retryAt - input.now))}.`,
      detail: join(error, rejected),
    };
  }
  return { tone: 'busy', text: `Enviando a la central — ${queue}.`, detail: rejected };
}
