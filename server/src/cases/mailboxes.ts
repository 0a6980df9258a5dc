import { MAILBOX_KEYS, type MailboxKey, type Mailboxes } from '../../../shared/procedures';
import type { Queryable } from '../db/types';

export async function loadMailboxes(db: Queryable): Promise<Record<MailboxKey, string[]>> {
  const { rows } = await db.query<{ key: string; recipients: string[] }>(
    'SELECT key, recipients FROM mailboxes',
  );
  const out = Object.fromEntries(MAILBOX_KEYS.map((key) => [key, [] as string[]])) as Record<
    MailboxKey,
    string[]
  >;
  for (const row of rows) if (row.key in out) out[row.key as MailboxKey] = row.recipients;
  return out;
}

export async function saveMailbox(db: Queryable, key: MailboxKey, recipients: string[]): Promise<void> {
  await db.query(
    `INSERT INTO mailboxes (key, recipients, updated_at) SELECT $1, ARRAY(SELECT jsonb_array_elements_text($2::jsonb)), now()
     ON CONFLICT (key) DO UPDATE SET recipients = EXCLUDED.recipients, updated_at = now()`,
    [key, JSON.stringify(recipients)],
  );
}

/** Mailboxes change rarely and every transition with a mail needs them: kept a few seconds. */
export class MailboxCache {
  private cached: { at: number; mailboxes: Mailboxes } | null = null;

  constructor(private readonly ttlMs = 5000) {}

  async get(db: Queryable): Promise<Mailboxes> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.mailboxes;
    const mailboxes = await loadMailboxes(db);
    this.cached = { at: Date.now(), mailboxes };
    return mailboxes;
  }

  invalidate(): void {
    this.cached = null;
  }
}
