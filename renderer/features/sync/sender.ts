import type { FormSubmission } from '../../../shared/forms/submission';
import type { SyncedOutboxEntry, Verdict } from '../outbox';
import type { ApiFailure, ApiResult, BatchItemResult } from '../../backoffice/client';

export interface Credentials {
  serverUrl: string;
  token: string;
}

export interface SenderDeps {
  nextBatch(limit: number, maxChars: number): Promise<SyncedOutboxEntry[]>;
  applyVerdicts(verdicts: readonly Verdict[]): Promise<{ sent: number; rejected: number }>;
  credentials(): Promise<Credentials | null>;
  post(
    serverUrl: string,
    token: string,
    forms: readonly FormSubmission[],
  ): Promise<ApiResult<{ results: BatchItemResult[] }>>;
  batchSize: number;
  batchChars: number;
  /** Asked between batches: a closing window stops cleanly. */
  stopped?: () => boolean;
  onProgress?: (progress: { sent: number; rejected: number }) => void;
}

export type DrainOutcome =
  | { kind: 'drained'; sent: number; rejected: number }
  | { kind: 'no-session'; sent: number; rejected: number }
  /** `token`: the one refused (it may have been renewed meanwhile). */
  | { kind: 'unauthorized'; message: string; token: string; sent: number; rejected: number }
  /** Nothing was decided for `ids`: they stay pending and are retried after a backoff. */
  | { kind: 'failed'; failure: ApiFailure; ids: string[]; sent: number; rejected: number }
  | { kind: 'stopped'; sent: number; rejected: number };

/**
 * Pairs the server's answers with the forms sent. The server answers in the order sent and
 * lower-cases ids; anything else is not trusted (the forms stay pending and are sent again,
 * which the server's idempotency makes harmless).
 */
export function matchVerdicts(
  batch: readonly SyncedOutboxEntry[],
  results: readonly BatchItemResult[],
): Verdict[] | null {
  if (results.length !== batch.length) return null;
  const verdicts: Verdict[] = [];
  for (let i = 0; i < batch.length; i += 1) {
    const entry = batch[i]!;
    const result = results[i]!;
    if (result.id === null || result.id.toLowerCase() !== entry.id.toLowerCase()) return null;
    if (result.status === 'rejected') {
      verdicts.push({
        id: entry.id,
        status: 'rejected',
        reason: result.reason || 'Rechazado por la central.',
      });
    } else if (result.status === 'accepted' && result.ticket) {
      const { id, typology, dueDate, status, created } = result.ticket;
      verdicts.push({ id: entry.id, status: 'accepted', ticket: { id, typology, dueDate, status, created } });
    } else {
      verdicts.push({ id: entry.id, status: result.status });
    }
  }
  return verdicts;
}

/**
 * Sends the pending forms oldest first, one batch per request, until the queue is empty or the
 * server stops answering. A form changes state only on the server's verdict for it; whatever
 * happens to a request (timeout, reset, lost answer) the forms stay pending and go again with the
 * same ids, so the server stores each once.
 */
export async function drainOutbox(deps: SenderDeps): Promise<DrainOutcome> {
  let sent = 0;
  let rejected = 0;
  let limit = deps.batchSize;
  for (;;) {
    if (deps.stopped?.()) return { kind: 'stopped', sent, rejected };
    const credentials = await deps.credentials();
    if (!credentials) return { kind: 'no-session', sent, rejected };
    const batch = await deps.nextBatch(limit, deps.batchChars);
    if (batch.length === 0) return { kind: 'drained', sent, rejected };

    const answer = await deps.post(
      credentials.serverUrl,
      credentials.token,
      batch.map((entry) => entry.submission),
    );
    if (answer.ok) {
      const verdicts = matchVerdicts(batch, answer.value.results);
      if (!verdicts) {
        const failure: ApiFailure = {
          kind: 'server',
          status: 200,
          message: 'La central respondió por otros formularios que los enviados.',
        };
        return { kind: 'failed', failure, ids: batch.map((e) => e.id), sent, rejected };
      }
      const applied = await deps.applyVerdicts(verdicts);
      sent += applied.sent;
      rejected += applied.rejected;
      deps.onProgress?.({ sent, rejected });
      limit = Math.min(deps.batchSize, limit * 2);
      continue;
    }
    const { failure } = answer;
    if (failure.kind === 'unauthorized')
      return { kind: 'unauthorized', message: failure.message, token: credentials.token, sent, rejected };
    // 413 / 400: this request is too big or malformed as a whole. Split it until each form gets its
    // own answer; a single form the server refuses outright is kept as rejected, with the reason.
    if (failure.kind === 'refused' && (failure.status === 413 || failure.status === 400)) {
      if (batch.length > 1) {
        limit = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      const reason =
        failure.status === 413
          ? `La central no acepta un formulario tan grande: acórtelo y reenvíelo. (${failure.message})`
          : failure.message;
      const applied = await deps.applyVerdicts([{ id: batch[0]!.id, status: 'rejected', reason }]);
      rejected += applied.rejected;
      deps.onProgress?.({ sent, rejected });
      continue;
    }
    return { kind: 'failed', failure, ids: batch.map((e) => e.id), sent, rejected };
  }
}
