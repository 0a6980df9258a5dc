import { popupPlan, popupTitle } from '../../../shared/blocks/popupPlan';
import type { Customer } from '../../../shared/directory/customer';
import type { PopCard, ShellState } from '../../../shared/ipc/contract';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import { lineLabel, type LineState } from '../../../shared/telephony/lineState';

/** What the pop card is drawn from: the calls (newest first) and what the pop-up found. */
export interface PopSource {
  calls: readonly CallSnapshot[];
  popup: { call: { callId: string } | null; customer: Customer | null; candidates: readonly Customer[] };
  line: LineState;
  /** Calls with a collections form on screen in the main window (a transfer queues it first). */
  collectionsFormCalls: readonly string[];
}

/** The call the pop window follows: a ringing incoming call first, else the customer's call in progress. */
export function popCall(calls: readonly CallSnapshot[]): CallSnapshot | null {
  const incoming = calls.filter((c) => c.direction === 'incoming' && c.consultFor === null);
  return incoming.find((c) => c.phase === 'ringing') ?? incoming.find((c) => c.phase !== 'ended') ?? null;
}

/** "Z1 — Bloqueo de Telecobranzas", in the order the pop-up sequence shows them. */
export function blockBadges(customer: Customer): string[] {
  return popupPlan(customer).map((step) => popupTitle(step).replace(/^Bloqueo /, ''));
}

function transferNotice(call: CallSnapshot): string | null {
  if (!call.transfer) return null;
  if (call.transfer.status === 'pending') return 'Transfiriendo…';
  if (call.transfer.status === 'failed')
    return `No se pudo transferir: ${call.transfer.reason ?? 'sin respuesta'}`;
  return null;
}

export function popCardFor(source: PopSource, notice: string | null = null): PopCard | null {
  const call = popCall(source.calls);
  if (!call) return null;
  const linked = source.popup.call?.callId === call.id;
  const customer = linked ? source.popup.customer : null;
  const connected = call.phase === 'active' || call.phase === 'held';
  return {
    callId: call.id,
    phase: call.phase,
    callerLabel: call.callerId.label,
    customerName: customer?.nombre ?? null,
    customerCode: customer?.codigo ?? null,
    blocks: customer ? blockBadges(customer) : [],
    candidates: linked ? source.popup.candidates.length : 0,
    identified: linked,
    canAnswer: !call.companion,
    canTransfer:
      connected && !call.companion && source.line.status === 'online' && call.transfer?.status !== 'pending',
    transferQueuesForm: source.collectionsFormCalls.includes(call.id),
    notice: notice ?? transferNotice(call) ?? call.note,
  };
}

/** The line in words for the tray (no countdown: the tray is not redrawn every second). */
export function trayLineLabel(line: LineState): string {
  return line.status === 'offline' ? 'Sin conexión (reintentando)' : lineLabel(line, 0);
}

export function shellStateFor(
  line: LineState,
  calls: readonly CallSnapshot[],
  queuedForms: number,
): ShellState {
  return {
    line: line.status,
    lineLabel: trayLineLabel(line),
    queuedForms,
    inCall: calls.some((c) => c.phase !== 'ended'),
  };
}
