import type { BackOfficeClient } from '../../backoffice/client';
import type { Verdict } from '../outbox';
import type { ApiResult } from '../../backoffice/client';
import type { Credentials, ItemResult, QueuedItem, SenderMessages } from './sender';

/**
 * A lossless upload queue in this profile's IndexedDB, as the one sender drains it: the forms
 * (POST /forms/batch) and the call log (POST /calls/batch) are two of these, sent by the same
 * sender with the same batching, backoff, verdicts and cross-window leader. Built by the
 * composition root (renderer/app/uploadQueues.ts).
 */
export interface UploadQueue<Payload> {
  /** Which queue: its sender status goes to the store under this name. */
  readonly kind: 'forms' | 'calls';
  /** The oldest pending items, at most `limit` and about `maxChars` of JSON (always at least one). */
  nextBatch(limit: number, maxChars: number): Promise<Array<QueuedItem<Payload>>>;
  /** The server's verdicts: sent (accepted or duplicate) or rejected with its reason, in one transaction. */
  applyVerdicts(verdicts: readonly Verdict[]): Promise<{ sent: number; rejected: number }>;
  /** A failed attempt: the items stay pending, with the error and the planned retry (display only). */
  markAttemptFailed(ids: readonly string[], message: string, nextAttemptAt: string | null): Promise<void>;
  post(
    api: BackOfficeClient,
    serverUrl: string,
    token: string,
    payloads: readonly Payload[],
  ): Promise<ApiResult<{ results: readonly ItemResult[] }>>;
  /** The number of pending items, now and whenever it changes in any window (wakes the sender). */
  watchPendingCount(listener: (count: number) => void, onError: (error: unknown) => void): () => void;
  readonly messages?: SenderMessages;
  /** Once the queue is drained: reports the items this desk set aside (the forms: to the supervisor). */
  reportParked?(api: BackOfficeClient, credentials: Credentials): Promise<void>;
}
