import { cutText, toStorableText } from '../../../shared/text/storable';
import type { Queryable } from '../db/types';
import type { ItemResult } from './intake';

/**
 * Keeps the forms the intake refused, with the reason and what was sent, once per (agent, id):
 * the board's rejection rate counts them. A refused item without a readable id cannot be resent
 * nor told apart from a retry, so it is not kept (the desk shows it to the agent as it was).
 */
export async function recordRefusals(
  db: Queryable,
  agentId: number,
  items: readonly unknown[],
  results: readonly ItemResult[],
  at: Date,
): Promise<void> {
  const refused = results.flatMap((result, index) => {
    if (result.status !== 'rejected' || result.id === null) return [];
    const raw = items[index];
    const formType =
      typeof raw === 'object' && raw !== null ? (raw as { formId?: unknown }).formId : undefined;
    return [
      {
        client_id: result.id,
        // Cut by code point and cleaned: what PostgreSQL cannot store must not fail the batch.
        form_type: typeof formType === 'string' ? cutText(toStorableText(formType), 40) : '',
        reason: result.reason,
        payload: raw ?? null,
      },
    ];
  });
  if (refused.length === 0) return;
  const insert = (rows: typeof refused) =>
    db.query(
      `INSERT INTO form_refusals (agent_id, client_id, form_type, reason, payload, refused_at)
     SELECT $2, x.client_id, x.form_type, x.reason, x.payload, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(client_id text, form_type text, reason text, payload jsonb)
     ON CONFLICT (agent_id, client_id) DO NOTHING`,
      [JSON.stringify(rows), agentId, at],
    );
  try {
    await insert(refused);
  } catch {
    // What was sent may be what PostgreSQL refuses (a NUL in a string): keep the refusal without it.
    await insert(refused.map((row) => ({ ...row, payload: null })));
  }
}
