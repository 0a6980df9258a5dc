import { postCallsBatch } from '../../shared/api/calls';
import { MAX_PARKED_PER_REQUEST, postParkedForms } from '../../shared/api/forms';
import type { FormSubmission } from '../../shared/forms/submission';
import type { CallRecord } from '../../shared/telephony/callRecord';
import type { CallLog } from '../features/calllog';
import type { OutboxRepository } from '../features/outbox';
import { FORM_MESSAGES, sendParkReports, type UploadQueue } from '../features/sync';

/**
 * The forms outbox as the sender drains it: POST /forms/batch; and a form set aside (the back
 * office fails on it alone, every time) reported to the agent's supervisor: POST /forms/parked.
 */
export function formsUploadQueue(outbox: OutboxRepository): UploadQueue<FormSubmission> {
  return {
    kind: 'forms',
    nextBatch: async (limit, maxChars) =>
      (await outbox.nextBatch(limit, maxChars)).map((entry) => ({ id: entry.id, payload: entry.submission })),
    applyVerdicts: (verdicts) => outbox.applyVerdicts(verdicts),
    markAttemptFailed: (ids, message, nextAttemptAt) => outbox.markAttemptFailed(ids, message, nextAttemptAt),
    post: (api, serverUrl, token, forms) => api.postBatch(serverUrl, token, forms),
    watchPendingCount: (listener, onError) => outbox.watchPendingCount(listener, onError),
    messages: FORM_MESSAGES,
    reportParked: async (api, credentials) => {
      await sendParkReports(
        {
          pending: (limit) => outbox.pendingParkReports(limit),
          post: ({ serverUrl, token }, forms) =>
            api.call(serverUrl, token, postParkedForms, { body: { forms: [...forms] } }),
          acknowledged: (ids) => outbox.markParkReported(ids),
          failed: (ids) => outbox.markParkReportFailed(ids),
          pageSize: MAX_PARKED_PER_REQUEST,
        },
        credentials,
      );
    },
  };
}

/**
 * The call log as the sender drains it: every finished call once to POST /calls/batch (the server
 * keeps one row per agent and call id, so a call sent again after a lost answer is a duplicate),
 * each under the session of the agent who took it (the server files it under the token's account).
 */
export function callsUploadQueue(
  callLog: CallLog,
  /** The account signed in now: only its calls (and unowned ones) go up under its token. */
  signedInAgent: () => string | null,
): UploadQueue<CallRecord> {
  // What each call in flight was sent with: a customer found meanwhile sends it again.
  const sentCustomer = new Map<string, string | null>();
  return {
    kind: 'calls',
    nextBatch: async (limit, maxChars) =>
      (await callLog.nextUploadBatch(limit, maxChars, signedInAgent())).map(({ id, record }) => {
        sentCustomer.set(id, record.customerCode);
        return { id, payload: record };
      }),
    applyVerdicts: async (verdicts) => {
      const applied = await callLog.applyUploadVerdicts(verdicts, Date.now(), sentCustomer);
      for (const verdict of verdicts) sentCustomer.delete(verdict.id);
      return applied;
    },
    markAttemptFailed: (ids, message, nextAttemptAt) => callLog.markUploadFailed(ids, message, nextAttemptAt),
    post: (api, serverUrl, token, calls) =>
      api.call(serverUrl, token, postCallsBatch, { body: { calls: [...calls] } }),
    watchPendingCount: (listener, onError) => callLog.watchPendingUploads(listener, onError),
    messages: {
      mismatch: 'La central respondió por otras llamadas que las enviadas.',
      tooBig: 'La central no acepta una llamada tan grande.',
      parked:
        'La central falla cada vez que recibe esta llamada, mientras recibe las demás: quedó apartada ' +
        'para no detener la cola. Avise al supervisor.',
    },
  };
}
