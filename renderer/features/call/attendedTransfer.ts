import { isConnected } from '../../../shared/telephony/callState';
import { attendedReferTarget } from '../../../shared/telephony/referTo';
import { realClock, type Clock } from '../../../shared/time/clock';
import type { Call, TransferResult } from './Call';

/**
 * Attended transfer: the customer waits on hold while the agent talks to someone (the consult
 * call); then either the customer is handed over (REFER with Replaces naming the consult dialog:
 * the target swaps our consult leg for the customer) or the agent goes back to the customer.
 */

export interface ConsultDeps {
  /** Places the consult call (tracked like any call). */
  dial(number: string, options: { consultFor: string }): Call;
  /** SIP URI of a number on the agent's PBX. */
  uriFor(number: string): string;
  getCall(id: string): Call | undefined;
  clock?: Clock;
  /** After the hand-over, how long the target has to end our consult leg itself before we do. */
  consultHangupDelayMs?: number;
}

export const DEFAULT_CONSULT_HANGUP_DELAY_MS = 5000;

const fail = (reason: string): TransferResult => ({ ok: false, reason });
/** Read afresh after an await (a property path would stay narrowed by an earlier check). */
const phaseOf = (call: Call) => call.snapshot.phase;

/** Puts the customer on hold and calls `number`. The customer stays on hold if that fails. */
export async function startConsult(
  customer: Call,
  number: string,
  deps: ConsultDeps,
): Promise<TransferResult> {
  const target = number.trim();
  const snapshot = customer.snapshot;
  if (snapshot.companion) return fail('En modo acompañante la llamada se atiende en el otro equipo.');
  if (!isConnected(snapshot)) return fail('Solo se puede consultar durante una llamada en curso.');
  if (snapshot.consult) return fail('Ya hay una consulta en curso.');
  if (snapshot.transfer?.status === 'pending') return fail('Hay una transferencia en curso.');
  if (!/^[+\d][\d\s().-]*$/.test(target) && !/^sips?:/i.test(target))
    return fail('Ingrese un número válido.');

  if (phaseOf(customer) === 'active') {
    await customer.hold();
    if (phaseOf(customer) !== 'held') return fail('No se pudo poner al cliente en espera.');
  }
  let consult: Call;
  try {
    consult = deps.dial(target, { consultFor: customer.id });
  } catch {
    return fail(`No se pudo llamar a ${target}.`);
  }
  customer.consultStarted(consult.id, target);

  const unsubscribe = consult.subscribe((state) => {
    if (state.phase !== 'ended') return;
    unsubscribe();
    const now = customer.snapshot;
    if (now.consult?.callId !== consult.id) return;
    // Handing the customer over ends the consult leg: that is the plan, not news.
    if (now.transfer?.kind === 'attended' && now.transfer.status !== 'failed') {
      customer.consultEnded();
    } else if (state.answeredAt === null) {
      customer.consultEnded(`La consulta a ${target} no se conectó: ${state.note ?? 'no contestó'}`);
    } else {
      customer.consultEnded(`${target} terminó la consulta. El cliente sigue en espera.`);
    }
  });
  return { ok: true };
}

/** Hands the customer over to the consulted party (REFER with Replaces). */
export async function completeTransfer(customer: Call, deps: ConsultDeps): Promise<TransferResult> {
  const consultState = customer.snapshot.consult;
  if (!consultState) return fail('No hay una consulta en curso.');
  const consult = deps.getCall(consultState.callId);
  const ids = consult?.dialogIds() ?? null;
  if (!consult || !ids) return fail(`${consultState.target} aún no contesta.`);

  const referTo = attendedReferTarget(deps.uriFor(consultState.target), ids);
  const result = await customer.blindTransfer(referTo, consultState.target, 'attended');
  if (result.ok) {
    const clock = deps.clock ?? realClock;
    clock.setTimeout(() => {
      if (consult.snapshot.phase !== 'ended') void consult.hangup();
    }, deps.consultHangupDelayMs ?? DEFAULT_CONSULT_HANGUP_DELAY_MS);
  }
  return result;
}

/** Ends the consult call (ringing or not) and takes the customer off hold. */
export async function returnToCustomer(customer: Call, deps: ConsultDeps): Promise<TransferResult> {
  const consultState = customer.snapshot.consult;
  const consult = consultState ? deps.getCall(consultState.callId) : undefined;
  customer.consultEnded();
  if (consult) await consult.hangup();
  if (phaseOf(customer) === 'held') await customer.resume();
  return phaseOf(customer) === 'active' ? { ok: true } : fail('No se pudo retomar la llamada.');
}
