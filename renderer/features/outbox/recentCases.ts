import { FORM_IDS, type FormId } from '../../../shared/forms/fields';
import { DUPLICATE_WINDOW_HOURS, type RecentCase } from '../../../shared/forms/duplicates';
import { SUPERVISOR_REASONS, type SupervisorReason } from '../../../shared/forms/submission';
import { activeCredentials } from '../session/sessionService';
import type { RecentForm } from '../../../shared/api/forms';
import { recentForms } from '../sync/backOfficeApi';
import { formsOfCustomer, type SyncedOutboxEntry } from './outboxRepo';

/** The back office gets this long to answer; the pop-up never waits for it to show. */
const CENTRAL_TIMEOUT_MS = 2_500;

export interface RecentCases {
  cases: RecentCase[];
  /** The back office answered: cases from other workstations are included. */
  centralChecked: boolean;
}

const reasonOf = (raw: unknown): SupervisorReason | null =>
  typeof raw === 'string' && raw in SUPERVISOR_REASONS ? (raw as SupervisorReason) : null;

function fromOutbox(entry: SyncedOutboxEntry): RecentCase {
  return {
    id: entry.id,
    formId: entry.submission.formId,
    customerCode: entry.submission.customerCode,
    blockCodes: entry.submission.blockCodes,
    supervisorReason: entry.submission.supervisorReason ?? null,
    createdAt: entry.createdAt,
    status: entry.status === 'enviado' ? 'recibido' : entry.status,
    source: 'este-equipo',
    agentName: null,
    ticket: null,
  };
}

function fromCentral(form: RecentForm): RecentCase | null {
  if (!(FORM_IDS as readonly string[]).includes(form.formId)) return null;
  return {
    id: form.id,
    formId: form.formId as FormId,
    customerCode: form.customerCode,
    blockCodes: form.blockCodes,
    supervisorReason: reasonOf(form.supervisorReason),
    createdAt: form.createdAt,
    status: form.mail?.status === 'sent' ? 'enviado' : 'recibido',
    source: 'central',
    agentName: form.agentName,
    ticket: form.ticket,
  };
}

/**
 * The cases of a customer in the last hours: this workstation's outbox always (queued ones
 * included, through an outage), and every workstation's once the back office answers.
 */
export async function recentCasesOf(
  customerCode: string,
  now = Date.now(),
  hours = DUPLICATE_WINDOW_HOURS,
): Promise<RecentCases> {
  const since = new Date(now - hours * 3_600_000).toISOString();
  const [local, central] = await Promise.all([
    formsOfCustomer(customerCode, since),
    (async () => {
      const credentials = await activeCredentials().catch(() => null);
      if (!credentials) return null;
      const result = await recentForms(credentials.serverUrl, credentials.token, customerCode, hours, {
        timeoutMs: CENTRAL_TIMEOUT_MS,
      });
      return result.ok ? result.value.forms : null;
    })(),
  ]);
  const cases = local.map(fromOutbox);
  for (const form of central ?? []) {
    const c = fromCentral(form);
    if (c) cases.push(c);
  }
  return { cases, centralChecked: central !== null };
}
