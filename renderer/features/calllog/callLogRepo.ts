import Dexie from 'dexie';
import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { callLogEntry, type CallLogEntry } from '../../../shared/telephony/callLog';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { CompanionDb } from '../../db/db';

/**
 * The call log in IndexedDB. Every write of one call goes through that call's own queue, so the
 * start, the customer found by the pop-up and the end land in order whatever their timing.
 */
export class CallLog {
  private readonly queues = new Map<string, Promise<void>>();
  /** A customer named before the call's entry existed: applied when it is written. */
  private readonly earlyCustomers = new Map<string, Pick<CallLogEntry, 'customerCode' | 'blockCodes'>>();

  constructor(private readonly db: CompanionDb) {}

  private enqueue(callId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(callId) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => {
      // The log must never disturb a call: report and go on.
      console.error('Registro de llamadas: no se pudo guardar', error);
    });
    this.queues.set(callId, next);
    void next.then(() => {
      if (this.queues.get(callId) === next) this.queues.delete(callId);
    });
    return next;
  }

  /** Writes the call as it is now (at its start, when answered, when it ends). */
  recordCall(call: CallSnapshot, telecobranzasNumber: string = TELECOBRANZAS_NUMBER): Promise<void> {
    const { db } = this;
    return this.enqueue(call.id, async () => {
      await db.transaction('rw', db.calls, async () => {
        const previous = await db.calls.get(call.id);
        const entry = callLogEntry(call, { telecobranzasNumber, previous });
        const early = this.earlyCustomers.get(call.id);
        this.earlyCustomers.delete(call.id);
        await db.calls.put(early ? { ...entry, ...early } : entry);
      });
    });
  }

  /**
   * The customer the pop-up identified for a call, and his block codes. Call it once the directory
   * look-up found him (before or after the call ended: both work).
   */
  setCallCustomer(callId: string, codigo: string, blockCodes: readonly string[]): Promise<void> {
    return this.enqueue(callId, async () => {
      const customer = { customerCode: codigo, blockCodes: [...blockCodes] };
      if ((await this.db.calls.update(callId, customer)) === 0) this.earlyCustomers.set(callId, customer);
    });
  }

  /** "Devolver llamada" was used on a missed call: when, and the call it placed. */
  markCalledBack(missedCallId: string, callBackId: string, at: number = Date.now()): Promise<void> {
    return this.enqueue(missedCallId, async () => {
      await this.db.calls.update(missedCallId, { calledBackAt: at, callBackId });
    });
  }

  /** Missed calls ("Perdidas"), newest first. */
  missedCalls(limit = 50): Promise<CallLogEntry[]> {
    return this.db.calls
      .where('[outcome+startedAt]')
      .between(['missed', Dexie.minKey], ['missed', Dexie.maxKey])
      .reverse()
      .limit(limit)
      .toArray();
  }

  /** Every logged call, newest first. */
  recentCalls(limit = 200): Promise<CallLogEntry[]> {
    return this.db.calls.orderBy('startedAt').reverse().limit(limit).toArray();
  }

  getLoggedCall(callId: string): Promise<CallLogEntry | undefined> {
    return this.db.calls.get(callId);
  }

  /** Resolves once every write queued so far is stored (tests, and before closing the app). */
  async settled(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }
}
