import { cutText, toStorableText } from '../../../shared/text/storable';
import type { Queryable } from '../db/types';
import { ESCALATION_KINDS } from '../../../shared/api/escalations';
import { formTitle, type ItemResult } from './intake';

function text(raw: unknown, key: string, max: number): string {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? cutText(toStorableText(value), max) : '';
}

/**
 * Keeps the forms the intake refused, with the reason and what was sent, once per (agent, id):
 * the board's rejection rate counts them. Each new refusal is also an item of the escalations
 * inbox of the agent's supervisor («Formulario rechazado por la central», with the reason), in the
 * same statement and once per (agent, id), as the inbox's other kinds. A refused item without a
 * readable id cannot be resent nor told apart from a retry, so it is not kept (the desk shows it
 * to the agent as it was).
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
    // Cut by code point and cleaned: what PostgreSQL cannot store must not fail the batch.
    const formType = text(raw, 'formId', 40);
    const customerCode = text(raw, 'customerCode', 40);
    return [
      {
        client_id: result.id,
        form_type: formType,
        reason: result.reason,
        payload: raw ?? null,
        customer_code: customerCode,
        customer_name: text(raw, 'customerName', 200),
        form_title: formType ? cutText(formTitle(formType), 120) : '',
        summary: cutText(`${ESCALATION_KINDS.formulario_rechazado}: ${result.reason}`, 500),
      },
    ];
  });
  if (refused.length === 0) return;
  const insert = (rows: typeof refused) =>
    db.query(
      `WITH x AS (
         SELECT DISTINCT ON (client_id) *
           FROM jsonb_to_recordset($1::jsonb) AS x(client_id text, form_type text, reason text, payload jsonb,
                                                   customer_code text, customer_name text, form_title text, summary text)
       ), refused AS (
         INSERT INTO form_refusals (agent_id, client_id, form_type, reason, payload, refused_at)
         SELECT $2::bigint, x.client_id, x.form_type, x.reason, x.payload, $3::timestamptz FROM x
         ON CONFLICT (agent_id, client_id) DO NOTHING
         RETURNING client_id
       ), created AS (
         INSERT INTO escalations (kind, source_key, customer_code, customer_name, summary, details, agent_id,
                                  supervisor_id, created_at)
         SELECT 'formulario_rechazado', 'rejected:' || $2::bigint || ':' || x.client_id,
                NULLIF(x.customer_code, ''), x.customer_name, x.summary,
                jsonb_strip_nulls(jsonb_build_object('motivo', x.reason, 'formulario', NULLIF(x.form_title, ''),
                                                     'idFormulario', x.client_id)),
                $2::bigint, (SELECT u.supervisor_id FROM users u WHERE u.id = $2::bigint), $3::timestamptz
           FROM x JOIN refused r ON r.client_id = x.client_id
         ON CONFLICT (source_key) DO NOTHING
         RETURNING id, version, agent_id
       )
       INSERT INTO escalation_events (escalation_id, kind, actor_id, at, version)
       SELECT id, 'created', agent_id, $3::timestamptz, version FROM created`,
      [JSON.stringify(rows), agentId, at],
    );
  try {
    await insert(refused);
  } catch {
    // What was sent may be what PostgreSQL refuses (a NUL in a string): keep the refusal without it.
    await insert(refused.map((row) => ({ ...row, payload: null })));
  }
}
