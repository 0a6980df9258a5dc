import { FORM_IDS, type FormId } from '../../../shared/forms/fields';
import { DUPLICATE_WINDOW_HOURS, type RecentCase } from '../../../shared/forms/duplicates';
import { SUPERVISOR_REASONS, type SupervisorReason } from '../../../shared/forms/submission';
import type { RecentForm } from '../../../shared/api/forms';
import type { BackOfficeClient } from '../../backoffice/client';
import type { OutboxRepository, SyncedOutboxEntry } from './outboxRepo';

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

export interface RecentCasesDeps {
  outbox: Pick<OutboxRepository, 'formsOfCustomer'>;
  /** Server URL and token while signed in (the session service's). */
  credentials(): Promise<{ serverUrl: string; token: string } | null>;
  api: Pick<BackOfficeClient, 'recentForms'>;
  now?: () => number;
}

/**
 * The cases of a customer in the last hours: this workstation's outbox always (queued ones
 * included, through an outage), and every workstation's once the back office answers (within the
 * client's short deadline: the pop-up never waits for it).
 */
export function createRecentCases(deps: RecentCasesDeps) {
  return async function recentCasesOf(
    customerCode: string,
    hours = DUPLICATE_WINDOW_HOURS,
  ): Promise<RecentCases> {
    const now = (deps.now ?? Date.now)();
    const since = new Date(now - hours * 3_600_000).toISOString();
    const [local, central] = await Promise.all([
      deps.outbox.formsOfCustomer(customerCode, since),
      (async () => {
        const credentials = await deps.credentials().catch(() => null);
        if (!credentials) return null;
        const result = await deps.api.recentForms(
          credentials.serverUrl,
          credentials.token,
          customerCode,
          hours,
        );
        return result.ok ? result.value.forms : null;
      })(),
    ]);
    const cases = local.map(fromOutbox);
    for (const form of central ?? []) {
      const c = fromCentral(form);
      if (c) cases.push(c);
    }
    return { cases, centralChecked: central !== null };
  };
}

export type RecentCasesOf = ReturnType<typeof createRecentCases>;
