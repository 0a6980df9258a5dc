import Dexie, { type EntityTable } from 'dexie';
import type { FormTicket } from '../../shared/api/forms';
import type { Customer } from '../../shared/directory/customer';
import type { FormSubmission } from '../../shared/forms/submission';
import type { TicketSummary } from '../../shared/tickets/ticketHistory';
import type { CallLogEntry } from '../../shared/telephony/callLog';

export type OutboxStatus = 'pendiente' | 'enviado' | 'rechazado';

/**
 * The post-sale ticket the back office opened for a form (`created`), or the open one of the same
 * typology the form joined, as it stood when the form was accepted.
 */
export type OutboxTicket = Pick<FormTicket, 'id' | 'typology' | 'dueDate' | 'status' | 'created'>;

/**
 * A form this desk set aside (the back office failed on it alone, every time, while it took the
 * others) is reported to the agent's supervisor (POST /forms/parked): `pendiente` until the back
 * office acknowledges the report, then `enviado`. Never the form's data.
 */
export interface ParkReport {
  state: 'pendiente' | 'enviado';
  /** The back office's failure, in the desk's words (what the supervisor reads). */
  detail: string;
  parkedAt: string;
  reportedAt: string | null;
  /** Reports that did not get through (display and diagnosis only). */
  failures: number;
}

/** A form the agent submitted: kept until the back office has it (and after, as history). */
export interface OutboxEntry {
  id: string;
  submission: FormSubmission;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** Set when the back office accepted the form with a ticket (Z4); null otherwise. */
  ticket: OutboxTicket | null;
  /** Set when this desk set the form aside (see ParkReport); absent otherwise. */
  parkReport?: ParkReport;
}

/** What the agent is typing in a pop-up form, saved as they type so a crash or reload loses nothing. */
export interface FormDraft {
  key: string;
  values: Record<string, string>;
  updatedAt: string;
}

/** When this workstation last got a customer's tickets from the back office (offline: how old they are). */
export interface TicketFetch {
  customerCode: string;
  fetchedAt: string;
  /** The back office's "today" (Chile) at that moment. */
  today: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export class CompanionDb extends Dexie {
  customers!: EntityTable<Customer, 'codigo'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  drafts!: EntityTable<FormDraft, 'key'>;
  tickets!: EntityTable<TicketSummary, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  calls!: EntityTable<CallLogEntry, 'id'>;
  ticketFetches!: EntityTable<TicketFetch, 'customerCode'>;

  constructor(name = 'companion') {
    super(name);
    // Versioned schema: add a new version() for every change, never edit a shipped one.
    this.version(1).stores({
      customers: 'codigo, rut, *telefonos, addressKey',
      outbox: 'id, status, createdAt',
      drafts: 'key',
      tickets: 'id, customerCode',
      meta: 'key',
    });
    // Outbox sync: the sender reads the oldest pending forms first, in batches.
    this.version(2).stores({
      outbox: 'id, status, createdAt, [status+createdAt]',
    });
    // Directory copy for a million customers: packed record pages and hash-bucketed index pages
    // (renderer/features/directory/storage/README.md). Keys are given explicitly (outbound).
    // `customers` stays declared so the first version's rows can be moved over once.
    this.version(3).stores({
      dirPages: '',
      dirIndex: '',
      dirOverlay: '',
    });
    // Call log (renderer/features/calllog): newest first, and the missed ones ("Perdidas") by time.
    this.version(4).stores({
      calls: 'id, startedAt, [outcome+startedAt], customerCode',
    });
    // The ticket the back office answers for a form (shared/api/forms.ts) is kept on its row; rows
    // queued before this version get `ticket: null` (their answer is gone), and nothing else changes.
    this.version(5)
      .stores({ outbox: 'id, status, createdAt, [status+createdAt]' })
      .upgrade((tx) =>
        tx
          .table<OutboxEntry>('outbox')
          .toCollection()
          .modify((entry) => {
            entry.ticket ??= null;
          }),
      );
    // Duplicate guard: the forms of one customer (shared/forms/duplicates.ts).
    this.version(6).stores({
      outbox: 'id, status, createdAt, [status+createdAt], submission.customerCode',
    });
    // The call log is uploaded to the
    // back office like the forms: pending finished calls oldest first. Calls logged before this
    // version that have an outcome were never uploaded: they are queued now.
    this.version(7)
      .stores({ calls: 'id, startedAt, [outcome+startedAt], customerCode, [uploadStatus+startedAt]' })
      .upgrade((tx) =>
        tx
          .table<CallLogEntry>('calls')
          .toCollection()
          .modify((entry) => {
            if (entry.outcome !== null && !entry.uploadStatus) {
              entry.uploadStatus = 'pendiente';
              entry.uploadAttempts = 0;
            }
          }),
      );
    // Customers' tickets from the back office, cached for offline use (features/tickets): rows
    // keyed by ticket number, with the post-sale typology leaf; one fetch record per customer.
    // Upgrades from 5, 6 or 7 alike (the versions before it run first): only the tickets rows change here.
    this.version(8)
      .stores({
        tickets: 'id, customerCode',
        ticketFetches: 'customerCode',
      })
      .upgrade((tx) =>
        tx
          .table('tickets')
          .toCollection()
          .modify((ticket: Partial<TicketSummary>) => {
            // Rows of the bundled demo (version 1) predate the leaf ids: all were «Fuera de norma».
            ticket.typeId ??= 'servicio.problema-bloqueo.fuera-de-norma';
            ticket.closedAt ??= null;
            ticket.relatedTicketId ??= null;
            ticket.resolution ??= null;
          }),
      );
    // Reports of forms set aside (parked) still to reach the supervisor (features/sync/parkReports.ts).
    // Rows without a report are not in this index. A form the previous version set aside (known by
    // the reason it gave the agent) was never reported: it is reported now.
    this.version(9)
      .stores({
        outbox: 'id, status, createdAt, [status+createdAt], submission.customerCode, parkReport.state',
      })
      .upgrade((tx) =>
        tx
          .table<OutboxEntry>('outbox')
          .where('status')
          .equals('rechazado')
          .modify((entry) => {
            const parked = /^La central falla cada vez que recibe este formulario[^(]*\((.*)\)$/s.exec(
              entry.lastError ?? '',
            );
            if (!parked || entry.parkReport) return;
            entry.parkReport = {
              state: 'pendiente',
              detail: parked[1]!,
              parkedAt: entry.createdAt,
              reportedAt: null,
              failures: 0,
            };
          }),
      );
  }
}
