import Dexie, { liveQuery } from 'dexie';
import type { ParkedForm } from '../../../shared/api/forms';
import { isQuotaError, UserFacingError } from '../../../shared/errors/userFacing';
import { cutText, toStorableText } from '../../../shared/text/storable';
import type { FormValues } from '../../../shared/forms/schemas';
import { formSubmissionSchema, type FormSubmission } from '../../../shared/forms/submission';
import type { CompanionDb, OutboxEntry, OutboxTicket, ParkReport } from '../../db/db';

export type NewSubmission = Omit<FormSubmission, 'id' | 'createdAt'>;

/** What the sender adds to an outbox entry. All times are this workstation's, for display only. */
export interface SyncedOutboxEntry extends OutboxEntry {
  /** When the sender means to try again (after a failed attempt). */
  nextAttemptAt?: string | null;
  /** When the back office confirmed it (accepted or already had it). */
  sentAt?: string | null;
  /** Last time the agent corrected a rejected form. */
  editedAt?: string | null;
}

/** The server's verdict for one form, as the sender applies it. */
export interface Verdict {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
  /** The ticket the server opened or joined for an accepted form. */
  ticket?: OutboxTicket;
  /**
   * Set when this desk set the form aside (not the server's verdict): the server's failure, to be
   * reported to the supervisor (ParkReport).
   */
  parkedDetail?: string;
}

export interface QueueStats {
  pending: number;
  rejected: number;
  /** createdAt of the oldest pending form. */
  oldestPendingAt: string | null;
  /** The oldest pending form's last error and planned retry (what the sender is stuck on). */
  headError: string | null;
  headNextAttemptAt: string | null;
}

export class ResubmitError extends Error {
  readonly userFacing = true as const;
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

const nowIso = () => new Date().toISOString();

/**
 * The forms queue in IndexedDB (this workstation's `outbox` table), shared by every window of the
 * profile: what the agent queued, its drafts, and what the sender applies.
 */
export class OutboxRepository {
  constructor(
    private readonly db: CompanionDb,
    /** The signed-in back-office account, when there is one: it is the agent of every new form. */
    private readonly signedInAgent: () => string | null = () => null,
  ) {}

  /**
   * Queues a validated form. The submission and the removal of its draft are one transaction, so
   * the agent's text is always in exactly one place: the draft or the queue.
   */
  async queueSubmission(input: NewSubmission, draftKey: string | null): Promise<OutboxEntry> {
    const { db } = this;
    const parsed = formSubmissionSchema.safeParse({
      ...input,
      agent: this.signedInAgent() ?? input.agent,
      id: crypto.randomUUID(),
      createdAt: nowIso(),
    });
    if (!parsed.success) {
      // The values were validated on screen: what is wrong is the envelope (customer, block,
      // agent), which the agent cannot fix. The issue list goes to the log through the cause.
      throw new UserFacingError(
        'No se pudo guardar el formulario: los datos del cliente o del bloqueo no son válidos. ' +
          'Sus datos siguen en pantalla: avise al supervisor.',
        { cause: parsed.error },
      );
    }
    const submission = parsed.data;
    const entry: OutboxEntry = {
      id: submission.id,
      submission,
      status: 'pendiente',
      attempts: 0,
      lastError: null,
      createdAt: submission.createdAt,
      ticket: null,
    };
    try {
      await db.transaction('rw', db.outbox, db.drafts, async () => {
        await db.outbox.add(entry);
        if (draftKey) await db.drafts.delete(draftKey);
      });
    } catch (error) {
      throw new UserFacingError(
        isQuotaError(error)
          ? 'No se pudo guardar el formulario: el disco de este equipo está lleno. Sus datos siguen en pantalla: avise al supervisor.'
          : 'No se pudo guardar el formulario en este equipo. Sus datos siguen en pantalla: intente de nuevo o avise al supervisor.',
        { cause: error },
      );
    }
    return entry;
  }

  saveDraft(key: string, values: Record<string, string>): Promise<string> {
    return this.db.drafts.put({ key, values, updatedAt: nowIso() });
  }

  async loadDraft(key: string): Promise<Record<string, string> | null> {
    return (await this.db.drafts.get(key))?.values ?? null;
  }

  recentEntries(limit = 200): Promise<SyncedOutboxEntry[]> {
    return this.db.outbox.orderBy('createdAt').reverse().limit(limit).toArray();
  }

  /**
   * The number of forms waiting for the back office, now and whenever it changes in any window of
   * this profile (the sender wakes up when it grows; the tray shows it). Returns the unsubscribe.
   */
  watchPendingCount(listener: (count: number) => void, onError: (error: unknown) => void): () => void {
    const subscription = liveQuery(() =>
      this.db.outbox.where('status').equals('pendiente').count(),
    ).subscribe({ next: listener, error: onError });
    return () => subscription.unsubscribe();
  }

  private pendingRange() {
    return this.db.outbox
      .where('[status+createdAt]')
      .between(['pendiente', Dexie.minKey], ['pendiente', Dexie.maxKey]);
  }

  /**
   * The oldest pending forms, at most `limit` of them and about `maxChars` of JSON (always at least
   * one, so an oversized form still reaches the server and gets its own verdict).
   */
  async nextBatch(limit: number, maxChars: number): Promise<SyncedOutboxEntry[]> {
    const candidates: SyncedOutboxEntry[] = await this.pendingRange().limit(limit).toArray();
    const batch: SyncedOutboxEntry[] = [];
    let chars = 0;
    for (const entry of candidates) {
      const size = JSON.stringify(entry.submission).length + 1;
      if (batch.length > 0 && chars + size > maxChars) break;
      batch.push(entry);
      chars += size;
    }
    return batch;
  }

  /**
   * Applies the server's verdicts in one transaction: accepted or duplicate → "enviado" (with the
   * ticket the server answered, if any), rejected → "rechazado" with the server's reason (kept,
   * editable). Only entries still pending change.
   */
  async applyVerdicts(verdicts: readonly Verdict[]): Promise<{ sent: number; rejected: number }> {
    const { db } = this;
    let sent = 0;
    let rejected = 0;
    await db.transaction('rw', db.outbox, async () => {
      const current = (await db.outbox.bulkGet(verdicts.map((v) => v.id))) as Array<
        SyncedOutboxEntry | undefined
      >;
      const updated: SyncedOutboxEntry[] = [];
      const at = nowIso();
      verdicts.forEach((verdict, index) => {
        const entry = current[index];
        if (!entry || entry.status !== 'pendiente') return;
        const attempts = entry.attempts + 1;
        if (verdict.status === 'rejected') {
          rejected += 1;
          updated.push({
            ...entry,
            status: 'rechazado',
            attempts,
            lastError: verdict.reason ?? 'Rechazado por la central.',
            nextAttemptAt: null,
            // Parked again after a resend: the supervisor was told already (the report is once per id).
            ...(verdict.parkedDetail !== undefined && entry.parkReport?.state !== 'enviado'
              ? {
                  parkReport: {
                    state: 'pendiente' as const,
                    detail: verdict.parkedDetail,
                    parkedAt: at,
                    reportedAt: null,
                    failures: 0,
                  },
                }
              : {}),
          });
        } else {
          sent += 1;
          updated.push({
            ...entry,
            status: 'enviado',
            attempts,
            lastError: null,
            nextAttemptAt: null,
            sentAt: at,
            // A duplicate carries no ticket: keep what an earlier answer may have stored.
            ticket: verdict.ticket ?? entry.ticket ?? null,
          });
        }
      });
      await db.outbox.bulkPut(updated);
    });
    return { sent, rejected };
  }

  /** A failed attempt: the forms stay pending, with the error and when the next try is planned. */
  async markAttemptFailed(
    ids: readonly string[],
    message: string,
    nextAttemptAt: string | null,
  ): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.outbox, async () => {
      const current = (await db.outbox.bulkGet([...ids])) as Array<SyncedOutboxEntry | undefined>;
      const updated = current
        .filter((entry): entry is SyncedOutboxEntry => entry?.status === 'pendiente')
        .map((entry) => ({ ...entry, attempts: entry.attempts + 1, lastError: message, nextAttemptAt }));
      await db.outbox.bulkPut(updated);
    });
  }

  /**
   * The reports of forms set aside that have not reached the back office yet, at most `limit`: what
   * the supervisor needs to follow each up, never the form's data (POST /forms/parked).
   */
  async pendingParkReports(limit: number): Promise<ParkedForm[]> {
    const entries: SyncedOutboxEntry[] = await this.db.outbox
      .where('parkReport.state')
      .equals('pendiente')
      .limit(limit)
      .toArray();
    // Cleaned and cut as the contract asks: a report the server would refuse would never go.
    const clean = (value: string, max: number) => cutText(toStorableText(value).trim(), max);
    return entries.map(({ submission, parkReport }) => ({
      id: submission.id,
      formId: clean(submission.formId, 40),
      customerCode: clean(submission.customerCode, 20),
      customerName: clean(submission.customerName, 200),
      reason: clean(parkReport?.detail ?? '', 1000) || 'La central falló al recibirlo.',
    }));
  }

  /** The back office acknowledged these reports (recorded, already recorded, or the form arrived). */
  async markParkReported(ids: readonly string[]): Promise<void> {
    await this.updateParkReports(ids, (report) => ({ ...report, state: 'enviado', reportedAt: nowIso() }));
  }

  /** These reports did not get through: they stay pending and go with a later drain. */
  async markParkReportFailed(ids: readonly string[]): Promise<void> {
    await this.updateParkReports(ids, (report) => ({ ...report, failures: report.failures + 1 }));
  }

  private async updateParkReports(
    ids: readonly string[],
    change: (report: ParkReport) => ParkReport,
  ): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.outbox, async () => {
      const current = (await db.outbox.bulkGet([...ids])) as Array<SyncedOutboxEntry | undefined>;
      const updated = current
        .filter(
          (entry): entry is SyncedOutboxEntry & { parkReport: ParkReport } =>
            entry?.parkReport?.state === 'pendiente',
        )
        .map((entry) => ({ ...entry, parkReport: change(entry.parkReport) }));
      await db.outbox.bulkPut(updated);
    });
  }

  async queueStats(): Promise<QueueStats> {
    const { db } = this;
    return db.transaction('r', db.outbox, async () => {
      const [pending, rejected, head] = await Promise.all([
        db.outbox.where('status').equals('pendiente').count(),
        db.outbox.where('status').equals('rechazado').count(),
        this.pendingRange().first() as Promise<SyncedOutboxEntry | undefined>,
      ]);
      return {
        pending,
        rejected,
        oldestPendingAt: head?.createdAt ?? null,
        headError: head?.lastError ?? null,
        headNextAttemptAt: head?.nextAttemptAt ?? null,
      };
    });
  }

  /**
   * Sends a rejected form again, corrected or as it was. It keeps its id: the server stored nothing
   * under a rejected id, so the same id is still the idempotency key of this one form.
   */
  async resubmitRejected(id: string, values?: FormValues): Promise<SyncedOutboxEntry> {
    const { db } = this;
    return db.transaction('rw', db.outbox, async () => {
      const entry = (await db.outbox.get(id)) as SyncedOutboxEntry | undefined;
      if (!entry) throw new ResubmitError('El formulario ya no está en este equipo.');
      if (entry.status !== 'rechazado') throw new ResubmitError('Solo se reenvía un formulario rechazado.');
      const parsed = formSubmissionSchema.safeParse({
        ...entry.submission,
        values: values ?? entry.submission.values,
      });
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const [top, field] = issue.path.map(String);
          fieldErrors[top === 'values' && field ? field : '_form'] ??= issue.message;
        }
        throw new ResubmitError('Revise los campos marcados.', fieldErrors);
      }
      const next: SyncedOutboxEntry = {
        ...entry,
        submission: parsed.data,
        status: 'pendiente',
        lastError: null,
        nextAttemptAt: null,
        editedAt: values ? nowIso() : (entry.editedAt ?? null),
      };
      await db.outbox.put(next);
      return next;
    });
  }

  /**
   * This workstation's forms for a customer, newest first: those written since `sinceIso` (the
   * duplicate guard), or all of them (their waiting or answered tickets).
   */
  async formsOfCustomer(customerCode: string, sinceIso = ''): Promise<SyncedOutboxEntry[]> {
    const entries: SyncedOutboxEntry[] = await this.db.outbox
      .where('submission.customerCode')
      .equals(customerCode)
      .filter((entry) => entry.createdAt >= sinceIso)
      .toArray();
    return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
