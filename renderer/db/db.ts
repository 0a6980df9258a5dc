import Dexie, { type EntityTable } from 'dexie';
import type { Customer } from '../../shared/directory/customer';
import type { FormSubmission } from '../../shared/forms/submission';
import type { TicketSummary } from '../../shared/tickets/ticketHistory';
import type { CallLogEntry } from '../../shared/telephony/callLog';

export type OutboxStatus = 'pendiente' | 'enviado' | 'rechazado';

/** A form the agent submitted: kept until the back office has it (and after, as history). */
export interface OutboxEntry {
  id: string;
  submission: FormSubmission;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** What the agent is typing in a pop-up form, saved as they type so a crash or reload loses nothing. */
export interface FormDraft {
  key: string;
  values: Record<string, string>;
  updatedAt: string;
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
    // Duplicate guard: the forms of one customer (shared/forms/duplicates.ts).
    this.version(5).stores({
      outbox: 'id, status, createdAt, [status+createdAt], submission.customerCode',
    });
  }
}

export const db = new CompanionDb();
