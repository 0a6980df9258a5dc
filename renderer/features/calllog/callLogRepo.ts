import Dexie, { liveQuery } from 'dexie';
import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { callLogEntry, type CallLogEntry, type CallLogOutcome } from '../../../shared/telephony/callLog';
import { callRecordOf, type CallRecord } from '../../../shared/telephony/callRecord';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { CompanionDb } from '../../db/db';
import { matchesHistoryQuery } from './historyQuery';

/** The server's verdict on one uploaded call (accepted or duplicate: it has it). */
export interface CallUploadVerdict {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}

export interface CallUploadStats {
  /** Calls the signed-in account uploads (its own, and those logged while nobody was signed in). */
  pending: number;
  /** Calls waiting for another agent's session, by agent (not sent under this one). */
  held: Record<string, number>;
  rejected: number;
  /** The oldest pending call's last error and planned retry (what the upload is stuck on). */
  headError: string | null;
  headNextAttemptAt: string | null;
}

/** What the history screen asks for: free text (number, customer, code) and an outcome. */
export interface HistoryFilter {
  text?: string;
  outcome?: CallLogOutcome | 'all';
  limit?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Fields the log keeps across rewrites of one call (the snapshot does not carry them). */
type KeptFields = Pick<
  CallLogEntry,
  | 'callBackOf'
  | 'uploadStatus'
  | 'uploadError'
  | 'uploadAttempts'
  | 'uploadNextAttemptAt'
  | 'uploadedAt'
  | 'agent'
>;

/** Whether `agent`'s session uploads this call: its own, or one logged while nobody was signed in. */
export function uploadsUnder(entry: Pick<CallLogEntry, 'agent'>, agent: string | null): boolean {
  return !entry.agent || entry.agent === agent;
}

/**
 * The call log in IndexedDB. Every write of one call goes through that call's own queue, so the
 * start, the customer found by the pop-up and the end land in order whatever their timing.
 */
export class CallLog {
  private readonly queues = new Map<string, Promise<void>>();
  /** Facts about a call named before its entry existed (customer, call-back): applied when written. */
  private readonly earlyPatches = new Map<string, Partial<CallLogEntry>>();

  /**
   * `writeWhen`: what a call's first write waits for (the composition root: its pop-up painted, so
   * the log written on an INVITE never holds the pop-up up). Later writes of the call queue behind
   * it, in order; settled() waits for them all.
   */
  constructor(
    private readonly db: CompanionDb,
    private readonly writeWhen: (callId: string) => Promise<void> = () => Promise.resolve(),
    /** The back-office account signed in on this desk now: the agent a new call is filed under. */
    private readonly signedInAgent: () => string | null = () => null,
  ) {}

  private enqueue(callId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(callId) ?? this.writeWhen(callId);
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
        const early = this.earlyPatches.get(call.id);
        this.earlyPatches.delete(call.id);
        const kept: KeptFields = {
          callBackOf: previous?.callBackOf ?? null,
          uploadStatus: previous?.uploadStatus ?? null,
          uploadError: previous?.uploadError ?? null,
          uploadAttempts: previous?.uploadAttempts ?? 0,
          uploadNextAttemptAt: previous?.uploadNextAttemptAt ?? null,
          uploadedAt: previous?.uploadedAt ?? null,
          // Stamped once: a later sign-in of someone else does not take the call over.
          agent: previous?.agent ?? this.signedInAgent(),
        };
        const next: CallLogEntry = { ...entry, ...kept, ...early };
        // A finished call joins the upload queue once (its later rewrites keep its upload state).
        if (next.outcome !== null && !next.uploadStatus) next.uploadStatus = 'pendiente';
        await db.calls.put(next);
      });
    });
  }

  /**
   * The customer the pop-up identified for a call, and his block codes. Call it once the directory
   * look-up found him (before or after the call ended: both work).
   */
  setCallCustomer(
    callId: string,
    codigo: string,
    blockCodes: readonly string[],
    name: string | null = null,
  ): Promise<void> {
    return this.enqueue(callId, async () => {
      const customer = { customerCode: codigo, customerName: name, blockCodes: [...blockCodes] };
      const { db } = this;
      await db.transaction('rw', db.calls, async () => {
        const entry = await db.calls.get(callId);
        // Uploaded before the look-up finished: send it again, and the back office fills in the
        // customer it did not have (it never overwrites one it has).
        const resend = entry?.uploadStatus === 'enviado' && !entry.customerCode;
        await this.patch(callId, resend ? { ...customer, uploadStatus: 'pendiente' } : customer);
      });
    });
  }

  /** Updates a logged call, or keeps the change for when its entry is written. */
  private async patch(callId: string, changes: Partial<CallLogEntry>): Promise<void> {
    if ((await this.db.calls.update(callId, changes)) === 0)
      this.earlyPatches.set(callId, { ...this.earlyPatches.get(callId), ...changes });
  }

  /**
   * "Devolver llamada" was used on a call: when, and the call it placed (which the back office
   * then knows as the call back of this one).
   */
  async markCalledBack(missedCallId: string, callBackId: string, at: number = Date.now()): Promise<void> {
    await Promise.all([
      this.enqueue(missedCallId, async () => {
        await this.db.calls.update(missedCallId, { calledBackAt: at, callBackId });
      }),
      this.enqueue(callBackId, () => this.patch(callBackId, { callBackOf: missedCallId })),
    ]);
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

  /**
   * The agent's history, newest first: every outcome, filtered by free text (number, customer
   * code, block code, name) and outcome, at most `limit` rows (the cursor stops there).
   */
  history(filter: HistoryFilter = {}): Promise<CallLogEntry[]> {
    const text = filter.text?.trim() ?? '';
    const outcome = filter.outcome ?? 'all';
    const collection =
      outcome === 'all'
        ? this.db.calls.orderBy('startedAt').reverse()
        : this.db.calls
            .where('[outcome+startedAt]')
            .between([outcome, Dexie.minKey], [outcome, Dexie.maxKey])
            .reverse();
    return (text === '' ? collection : collection.filter((entry) => matchesHistoryQuery(entry, text)))
      .limit(filter.limit ?? 200)
      .toArray();
  }

  // --- Upload to the back office (an UploadQueue of features/sync, built in renderer/app) ---

  private pendingUploads() {
    return this.db.calls
      .where('[uploadStatus+startedAt]')
      .between(['pendiente', Dexie.minKey], ['pendiente', Dexie.maxKey]);
  }

  /**
   * The oldest finished calls `agent`'s session uploads (uploadsUnder), as the server's records:
   * at most `limit`, about `maxChars` of JSON (always at least one, so each call gets its own
   * verdict). Other agents' calls wait for their sessions.
   */
  async nextUploadBatch(
    limit: number,
    maxChars: number,
    agent: string | null,
  ): Promise<Array<{ id: string; record: CallRecord }>> {
    const candidates = await this.pendingUploads()
      .filter((entry) => uploadsUnder(entry, agent))
      .limit(limit)
      .toArray();
    const batch: Array<{ id: string; record: CallRecord }> = [];
    let chars = 0;
    for (const entry of candidates) {
      const record = callRecordOf(entry);
      if (!record) continue; // queued only with an outcome: cannot happen
      const size = JSON.stringify(record).length + 1;
      if (batch.length > 0 && chars + size > maxChars) break;
      batch.push({ id: entry.id, record });
      chars += size;
    }
    return batch;
  }

  /**
   * The server's verdicts, in one transaction: accepted or duplicate → "enviado"; rejected →
   * "rechazado" with the server's reason (kept in the history, never sent again by itself).
   * Only calls still pending change.
   */
  async applyUploadVerdicts(
    verdicts: readonly CallUploadVerdict[],
    at: number = Date.now(),
    /** The customer code each call was sent with: one found since then sends the call again. */
    sentCustomer: ReadonlyMap<string, string | null> = new Map(),
  ): Promise<{ sent: number; rejected: number }> {
    const { db } = this;
    let sent = 0;
    let rejected = 0;
    await db.transaction('rw', db.calls, async () => {
      const current = await db.calls.bulkGet(verdicts.map((v) => v.id));
      const updated: CallLogEntry[] = [];
      verdicts.forEach((verdict, index) => {
        const entry = current[index];
        if (!entry || entry.uploadStatus !== 'pendiente') return;
        const attempts = (entry.uploadAttempts ?? 0) + 1;
        if (verdict.status === 'rejected') {
          rejected += 1;
          updated.push({
            ...entry,
            uploadStatus: 'rechazado',
            uploadAttempts: attempts,
            uploadError: verdict.reason ?? 'Rechazada por la central.',
            uploadNextAttemptAt: null,
          });
        } else {
          sent += 1;
          // The look-up found the customer while this upload was in flight: once more, with him.
          const customerLate =
            sentCustomer.has(entry.id) && !sentCustomer.get(entry.id) && !!entry.customerCode;
          updated.push({
            ...entry,
            uploadStatus: customerLate ? 'pendiente' : 'enviado',
            uploadAttempts: attempts,
            uploadError: null,
            uploadNextAttemptAt: null,
            uploadedAt: at,
          });
        }
      });
      await db.calls.bulkPut(updated);
    });
    return { sent, rejected };
  }

  /** A failed attempt: the calls stay pending, with the error and when the next try is planned. */
  async markUploadFailed(
    ids: readonly string[],
    message: string,
    nextAttemptAt: string | null,
  ): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.calls, async () => {
      const current = await db.calls.bulkGet([...ids]);
      const updated = current
        .filter((entry): entry is CallLogEntry => entry?.uploadStatus === 'pendiente')
        .map((entry) => ({
          ...entry,
          uploadAttempts: (entry.uploadAttempts ?? 0) + 1,
          uploadError: message,
          uploadNextAttemptAt: nextAttemptAt,
        }));
      await db.calls.bulkPut(updated);
    });
  }

  /** The number of finished calls waiting for the back office, now and whenever it changes. */
  watchPendingUploads(listener: (count: number) => void, onError: (error: unknown) => void): () => void {
    const subscription = liveQuery(() => this.pendingUploads().count()).subscribe({
      next: listener,
      error: onError,
    });
    return () => subscription.unsubscribe();
  }

  /** What the back office has of this desk's calls, as `agent` (the signed-in account) sees it. */
  async uploadStats(agent: string | null = null): Promise<CallUploadStats> {
    const { db } = this;
    return db.transaction('r', db.calls, async () => {
      const [owners, rejected, head] = await Promise.all([
        this.pendingUploads()
          .toArray()
          .then((entries) => entries.map((entry) => entry.agent ?? null)),
        db.calls
          .where('[uploadStatus+startedAt]')
          .between(['rechazado', Dexie.minKey], ['rechazado', Dexie.maxKey])
          .count(),
        this.pendingUploads()
          .filter((entry) => uploadsUnder(entry, agent))
          .first(),
      ]);
      const held: Record<string, number> = {};
      let pending = 0;
      for (const owner of owners) {
        if (uploadsUnder({ agent: owner }, agent)) pending += 1;
        else held[owner!] = (held[owner!] ?? 0) + 1;
      }
      return {
        pending,
        held,
        rejected,
        headError: head?.uploadError ?? null,
        headNextAttemptAt: head?.uploadNextAttemptAt ?? null,
      };
    });
  }

  /**
   * Forgets calls that started more than `retentionDays` ago — only those the back office has
   * ("enviado"): a call not uploaded yet (pending, refused, or still without an outcome) is kept
   * whatever its age. Returns how many were deleted.
   */
  prune(retentionDays: number, now: number = Date.now()): Promise<number> {
    const cutoff = now - retentionDays * DAY_MS;
    return this.db.calls
      .where('startedAt')
      .below(cutoff)
      .filter((entry) => entry.uploadStatus === 'enviado')
      .delete();
  }

  /**
   * Calls a closed or crashed app left without an outcome (started before `before`, this start):
   * closed as «interrumpida» at the last moment known (answered, else started) and queued for the
   * back office like any finished call, so they are uploaded and, later, pruned. Returns how many.
   */
  closeInterrupted(before: number): Promise<number> {
    const { db } = this;
    return db.transaction('rw', db.calls, async () => {
      const open = await db.calls
        .where('startedAt')
        .below(before)
        .filter((entry) => entry.outcome === null)
        .toArray();
      await db.calls.bulkPut(
        open.map((entry) => ({
          ...entry,
          outcome: 'interrupted' as const,
          endedAt: entry.endedAt ?? entry.answeredAt ?? entry.startedAt,
          uploadStatus: entry.uploadStatus ?? 'pendiente',
        })),
      );
      return open.length;
    });
  }

  getLoggedCall(callId: string): Promise<CallLogEntry | undefined> {
    return this.db.calls.get(callId);
  }

  /** Resolves once every write queued so far is stored (tests, and before closing the app). */
  async settled(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }
}
