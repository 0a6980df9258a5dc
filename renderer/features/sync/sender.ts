import type { CallVerdict } from '../../../shared/api/calls';
import type { Verdict } from '../outbox';
import type { ApiFailure, ApiResult, BatchItemResult } from '../../backoffice/client';

export interface Credentials {
  serverUrl: string;
  token: string;
}

/** One queued item as the sender sees it: its id (the server's idempotency key) and what is sent. */
export interface QueuedItem<Payload> {
  id: string;
  payload: Payload;
}

/** The server's answer for one item of a batch (forms and calls answer alike; forms may add a ticket). */
export type ItemResult = BatchItemResult | CallVerdict;

/** What the sender tells the agent about a queue's items, in its own words ("formularios", "llamadas"). */
export interface SenderMessages {
  /** The server answered for other items than the ones sent. */
  mismatch: string;
  /** One item alone is too big for the server (413): the server's words follow. */
  tooBig: string;
}

export const FORM_MESSAGES: SenderMessages = {
  mismatch: 'La central respondió por otros formularios que los enviados.',
  tooBig: 'La central no acepta un formulario tan grande: acórtelo y reenvíelo.',
};

export interface SenderDeps<Payload> {
  nextBatch(limit: number, maxChars: number): Promise<Array<QueuedItem<Payload>>>;
  applyVerdicts(verdicts: readonly Verdict[]): Promise<{ sent: number; rejected: number }>;
  credentials(): Promise<Credentials | null>;
  post(
    serverUrl: string,
    token: string,
    payloads: readonly Payload[],
  ): Promise<ApiResult<{ results: readonly ItemResult[] }>>;
  batchSize: number;
  batchChars: number;
  /** Default: the forms' words. */
  messages?: SenderMessages;
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
 * Pairs the server's answers with the items sent. The server answers in the order sent and
 * lower-cases ids; anything else is not trusted (the items stay pending and are sent again,
 * which the server's idempotency makes harmless).
 */
export function matchVerdicts(
  batch: ReadonlyArray<{ id: string }>,
  results: readonly ItemResult[],
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
    } else if (result.status === 'accepted' && 'ticket' in result && result.ticket) {
      const { id, typology, dueDate, status, created } = result.ticket;
      verdicts.push({ id: entry.id, status: 'accepted', ticket: { id, typology, dueDate, status, created } });
    } else {
      verdicts.push({ id: entry.id, status: result.status });
    }
  }
  return verdicts;
}

/**
 * Sends a queue's pending items oldest first, one batch per request, until the queue is empty or
 * the server stops answering. An item changes state only on the server's verdict for it; whatever
 * happens to a request (timeout, reset, lost answer) the items stay pending and go again with the
 * same ids, so the server stores each once.
 */
export async function drainQueue<Payload>(deps: SenderDeps<Payload>): Promise<DrainOutcome> {
  const messages = deps.messages ?? FORM_MESSAGES;
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
      batch.map((item) => item.payload),
    );
    if (answer.ok) {
      const verdicts = matchVerdicts(batch, answer.value.results);
      if (!verdicts) {
        const failure: ApiFailure = { kind: 'server', status: 200, message: messages.mismatch };
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
    // 413 / 400: this request is too big or malformed as a whole. Split it until each item gets its
    // own answer; a single item the server refuses outright is kept as rejected, with the reason.
    if (failure.kind === 'refused' && (failure.status === 413 || failure.status === 400)) {
      if (batch.length > 1) {
        limit = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      const reason = failure.status === 413 ? `${messages.tooBig} (${failure.message})` : failure.message;
      const applied = await deps.applyVerdicts([{ id: batch[0]!.id, status: 'rejected', reason }]);
      rejected += applied.rejected;
      deps.onProgress?.({ sent, rejected });
      continue;
    }
    return { kind: 'failed', failure, ids: batch.map((e) => e.id), sent, rejected };
  }
}
