import type { CallVerdict } from '../../../shared/api/calls';
import type { Verdict } from '../outbox';
import type { ApiFailure, ApiResult, BatchItemResult } from '../../backoffice/client';
import {
  failureBudget,
  isItemSuspect,
  mayPark,
  recordFailure,
  shouldSplit,
  type IsolationPolicy,
  type StuckBatch,
} from './isolation';

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
  /** One item the server fails on every time while it takes the others: set aside (parked). */
  parked: string;
}

export const FORM_MESSAGES: SenderMessages = {
  mismatch: 'La central respondió por otros formularios que los enviados.',
  tooBig: 'La central no acepta un formulario tan grande: acórtelo y reenvíelo.',
  parked:
    'La central falla cada vez que recibe este formulario, mientras recibe los demás: quedó apartado ' +
    'para no detener la cola y se avisa a su supervisor. Revíselo y reenvíelo.',
};

/** Finding the item a batch keeps failing on (renderer/features/sync/isolation.ts). */
export interface IsolationDeps {
  policy: IsolationPolicy;
  /** Kept by the caller from one drain to the next (the run of failures of the head batch). */
  memory: { stuck: StuckBatch | null };
  now(): number;
  /** GET /healthz answered: the server is up, so a failure that stays is the items'. */
  healthy(serverUrl: string): Promise<boolean>;
}

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
  /** Without it, a batch failing with 5xx is retried as it is (after the controller's backoff). */
  isolation?: IsolationDeps;
  /**
   * Once the queue is drained: tells the back office about the items this desk set aside (the
   * forms' supervisor reports, features/sync/parkReports.ts). A report that does not get through
   * stays pending for a later drain and never fails this one.
   */
  reportParked?: (credentials: Credentials) => Promise<void>;
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
 * the server stops answering. An item changes state only on the server's verdict for it (or when it
 * is parked: the server fails on it alone, time after time, while it takes the others); whatever
 * happens to a request (timeout, reset, lost answer) the items stay pending and go again with the
 * same ids, so the server stores each once.
 */
export async function drainQueue<Payload>(deps: SenderDeps<Payload>): Promise<DrainOutcome> {
  const messages = deps.messages ?? FORM_MESSAGES;
  const isolation = deps.isolation;
  let sent = 0;
  let rejected = 0;
  let limit = deps.batchSize;

  const apply = async (verdicts: readonly Verdict[]) => {
    const applied = await deps.applyVerdicts(verdicts);
    sent += applied.sent;
    rejected += applied.rejected;
    deps.onProgress?.({ sent, rejected });
  };
  const failed = (failure: ApiFailure, items: ReadonlyArray<{ id: string }>): DrainOutcome => ({
    kind: 'failed',
    failure,
    ids: items.map((e) => e.id),
    sent,
    rejected,
  });
  /** The server's answer applied; null when it does not match the items (they stay pending). */
  const applyAnswer = async (batch: ReadonlyArray<{ id: string }>, results: readonly ItemResult[]) => {
    const verdicts = matchVerdicts(batch, results);
    if (!verdicts) return failed({ kind: 'server', status: 200, message: messages.mismatch }, batch);
    await apply(verdicts);
    return null;
  };
  const refusedAlone = (failure: Extract<ApiFailure, { kind: 'refused' }>): string =>
    failure.status === 413 ? `${messages.tooBig} (${failure.message})` : failure.message;

  /**
   * Splits a batch that keeps failing until each item has its answer; items that fail alone every
   * time are parked once the server shows it is up and takes other items. Returns an outcome that
   * ends the drain, or null to go on with the queue.
   */
  const isolate = async (
    credentials: Credentials,
    batch: Array<QueuedItem<Payload>>,
    policy: IsolationPolicy,
  ): Promise<DrainOutcome | null> => {
    const budget = failureBudget(batch.length, policy);
    let failedRequests = 0;
    let through = 0;
    const culprits: Array<{ item: QueuedItem<Payload>; failure: ApiFailure }> = [];
    const walk = async (items: Array<QueuedItem<Payload>>): Promise<DrainOutcome | null> => {
      for (let attempt = 1; ; attempt += 1) {
        if (deps.stopped?.()) return { kind: 'stopped', sent, rejected };
        const answer = await deps.post(
          credentials.serverUrl,
          credentials.token,
          items.map((item) => item.payload),
        );
        if (answer.ok) {
          const mismatch = await applyAnswer(items, answer.value.results);
          if (mismatch) return mismatch;
          through += items.length;
          return null;
        }
        const { failure } = answer;
        if (failure.kind === 'unauthorized')
          return { kind: 'unauthorized', message: failure.message, token: credentials.token, sent, rejected };
        if (failure.kind === 'refused' && (failure.status === 413 || failure.status === 400)) {
          if (items.length > 1) return splitWalk(items);
          await apply([{ id: items[0]!.id, status: 'rejected', reason: refusedAlone(failure) }]);
          through += 1;
          return null;
        }
        // The server is away or busy: stop here, the controller backs off (nothing is parked).
        if (!isItemSuspect(failure)) return failed(failure, items);
        failedRequests += 1;
        if (through === 0 && failedRequests > budget) return failed(failure, batch);
        if (items.length > 1) return splitWalk(items);
        if (attempt >= policy.failuresBeforePark) {
          culprits.push({ item: items[0]!, failure });
          return null;
        }
      }
    };
    const splitWalk = async (items: Array<QueuedItem<Payload>>): Promise<DrainOutcome | null> => {
      const middle = Math.ceil(items.length / 2);
      return (await walk(items.slice(0, middle))) ?? walk(items.slice(middle));
    };

    const ended = await walk(batch);
    if (ended) return ended;
    if (culprits.length === 0) return null;
    // Other items just went through: the server is up. Otherwise its health probe must say so.
    const healthy = through > 0 || (await isolation!.healthy(credentials.serverUrl));
    if (!mayPark({ healthy, itemsTried: batch.length, itemsThrough: through })) {
      return failed(
        culprits[0]!.failure,
        culprits.map((c) => c.item),
      );
    }
    await apply(
      culprits.map(({ item, failure }) => ({
        id: item.id,
        status: 'rejected' as const,
        reason: `${messages.parked} (${failure.message})`,
        parkedDetail: failure.message,
      })),
    );
    return null;
  };

  for (;;) {
    if (deps.stopped?.()) return { kind: 'stopped', sent, rejected };
    const credentials = await deps.credentials();
    if (!credentials) return { kind: 'no-session', sent, rejected };
    const batch = await deps.nextBatch(limit, deps.batchChars);
    if (batch.length === 0) {
      await deps.reportParked?.(credentials);
      return { kind: 'drained', sent, rejected };
    }

    const answer = await deps.post(
      credentials.serverUrl,
      credentials.token,
      batch.map((item) => item.payload),
    );
    if (answer.ok) {
      const mismatch = await applyAnswer(batch, answer.value.results);
      if (mismatch) return mismatch;
      if (isolation) isolation.memory.stuck = null;
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
      await apply([{ id: batch[0]!.id, status: 'rejected', reason: refusedAlone(failure) }]);
      continue;
    }
    if (!isolation) return failed(failure, batch);
    // The same head failing with a server error again and again: one of its items may be the cause.
    const now = isolation.now();
    const stuck = recordFailure(isolation.memory.stuck, batch[0]!.id, failure, now);
    isolation.memory.stuck = stuck;
    // Splitting is safe whatever the cause: while the server is down the halves fail too (and
    // the walk stops at the first outage-like failure); parking needs proof it is up.
    if (!shouldSplit(stuck, isolation.policy, now)) return failed(failure, batch);
    const ended = await isolate(credentials, batch, isolation.policy);
    if (ended) return ended;
    isolation.memory.stuck = null;
  }
}
