import { formSubmissionSchema, type FormSubmission } from '../../../shared/forms/submission';
import { db, type OutboxEntry } from '../../db/db';

export type NewSubmission = Omit<FormSubmission, 'id' | 'createdAt'>;

/**
 * Queues a validated form. The submission and the removal of its draft are one transaction, so the
 * agent's text is always in exactly one place: the draft or the queue.
 */
export async function queueSubmission(input: NewSubmission, draftKey: string | null): Promise<OutboxEntry> {
  const submission = formSubmissionSchema.parse({
    ...input,
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
  });
  const entry: OutboxEntry = {
    id: submission.id,
    submission,
    status: 'pendiente',
    attempts: 0,
    lastError: null,
    createdAt: submission.createdAt,
  };
  await db.transaction('rw', db.outbox, db.drafts, async () => {
    await db.outbox.add(entry);
    if (draftKey) await db.drafts.delete(draftKey);
  });
  return entry;
}

export function saveDraft(key: string, values: Record<string, string>): Promise<string> {
  return db.drafts.put({ key, values, updatedAt: new Date().toISOString() });
}

export async function loadDraft(key: string): Promise<Record<string, string> | null> {
  return (await db.drafts.get(key))?.values ?? null;
}

export function recentEntries(limit = 200): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('createdAt').reverse().limit(limit).toArray();
}
