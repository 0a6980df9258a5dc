import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { blindReferTarget } from '../../../shared/telephony/referTo';
import {
  completeTransfer as complete,
  returnToCustomer as goBack,
  startConsult,
  type ConsultDeps,
} from './attendedTransfer';
import type { Call, TransferResult } from './Call';
import type { CallRegistry } from './callRegistry';

export interface TransferOptions {
  /** The form's case id: travels as `X-Companion-Case` in the Refer-To URI (and the new INVITE). */
  caseId?: string | null;
}

export type DialResult = { ok: true; callId: string } | { ok: false; reason: string };

/**
 * What the UI can do to a call, by id (the snapshots in callSlice carry the id).
 * A call that is already gone is a no-op, never an error for the agent.
 */
export interface CallCommands {
  /**
   * Answers a ringing call. Call waiting: a call the agent is talking on is put on hold first;
   * if that hold fails the new call keeps ringing (two open audio paths would mix customers).
   */
  answer(id: string): Promise<void>;
  reject(id: string): Promise<void>;
  hangup(id: string): Promise<void>;
  hold(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  setMuted(id: string, muted: boolean): void;
  sendDtmf(id: string, tone: string): boolean;
  /** Blind transfer to a number of the agent's PBX (default: Telecobranzas, 26939901). */
  transfer(id: string, number?: string, options?: TransferOptions): Promise<TransferResult>;
  /** "Consultar…": the customer on hold, a consult call to `number`. */
  consult(id: string, number: string): Promise<TransferResult>;
  /** "Completar transferencia": hands the customer over to the consulted party. */
  completeTransfer(id: string): Promise<TransferResult>;
  /** "Volver al cliente": ends the consult call and resumes the customer. */
  returnToCustomer(id: string): Promise<TransferResult>;
  /** Places a call (e.g. "Devolver llamada"). */
  dial(number: string): DialResult;
  /** The running line is in companion mode (the other device answers and dials). */
  readonly companionMode: boolean;
}

/** The running line as the commands need it (the line feature's telephony provides it). */
export interface DialingLine {
  readonly companionMode: boolean;
  uriFor(number: string): string;
  /** Places an outgoing call and tracks it like an incoming one. */
  dial(number: string, options?: { consultFor?: string }): Call;
}

const isHeld = (call: Call) => call.snapshot.phase === 'held';
const GONE: TransferResult = { ok: false, reason: 'La llamada ya no está activa.' };

/** The commands over the app's live calls and whatever line is running now (null: none). */
export function createCallCommands(registry: CallRegistry, line: () => DialingLine | null): CallCommands {
  const consultDeps = (): ConsultDeps | null => {
    const running = line();
    if (!running) return null;
    return {
      dial: (number, options) => running.dial(number, options),
      uriFor: (number) => running.uriFor(number),
      getCall: (id) => registry.get(id),
    };
  };
  const withConsult = (
    id: string,
    action: (call: Call, deps: ConsultDeps) => Promise<TransferResult>,
  ): Promise<TransferResult> => {
    const call = registry.get(id);
    const deps = consultDeps();
    return call && deps ? action(call, deps) : Promise.resolve(GONE);
  };

  return {
    async answer(id) {
      const call = registry.get(id);
      if (!call?.answerable) return;
      for (const other of registry.live()) {
        if (other === call || other.snapshot.phase !== 'active') continue;
        await other.hold();
        if (!isHeld(other)) return;
      }
      await call.answer();
    },
    reject: (id) => registry.get(id)?.reject() ?? Promise.resolve(),
    hangup: (id) => registry.get(id)?.hangup() ?? Promise.resolve(),
    hold: (id) => registry.get(id)?.hold() ?? Promise.resolve(),
    resume: (id) => registry.get(id)?.resume() ?? Promise.resolve(),
    setMuted: (id, muted) => registry.get(id)?.setMuted(muted),
    sendDtmf: (id, tone) => registry.get(id)?.sendDtmf(tone) ?? false,
    transfer(id, number = TELECOBRANZAS_NUMBER, options = {}) {
      const call = registry.get(id);
      const running = line();
      if (!call || !running) return Promise.resolve(GONE);
      return call.blindTransfer(blindReferTarget(running.uriFor(number), { caseId: options.caseId }), number);
    },
    consult: (id, number) => withConsult(id, (call, deps) => startConsult(call, number, deps)),
    completeTransfer: (id) => withConsult(id, complete),
    returnToCustomer: (id) => withConsult(id, goBack),
    dial(number) {
      const running = line();
      if (!running) return { ok: false, reason: 'La línea no está conectada.' };
      if (running.companionMode) {
        return { ok: false, reason: 'En modo acompañante se llama desde el otro equipo.' };
      }
      try {
        return { ok: true, callId: running.dial(number).id };
      } catch {
        return { ok: false, reason: `No se pudo llamar a ${number}.` };
      }
    },
    get companionMode() {
      return line()?.companionMode === true;
    },
  };
}
