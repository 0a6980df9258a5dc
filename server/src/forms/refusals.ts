import type { ParkedForm } from '../../../shared/api/forms';
import { cutText, toStorableText } from '../../../shared/text/storable';
import type { Queryable } from '../db/types';
import { ESCALATION_KINDS } from '../../../shared/api/escalations';
import { formTitle, type ItemResult } from './intake';

function text(raw: unknown, key: string, max: number): string {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? cutText(toStorableText(value), max) : '';
}

/** One form refused for an agent: by the intake (with what was sent), or set aside by the desk. */
interface Refusal {
  clientId: string;
  formType: string;
  reason: string;
  payload: unknown;
  customerCode: string;
  customerName: string;
}

/**
 * Keeps refused forms with the reason (and what was sent, when there is something), once per
 * (agent, id): the board's rejection rate counts them. Each new refusal is also an item of the
 * escalations inbox of the agent's supervisor («Formulario rechazado por la central», with the
 * reason), in the same statement and once per (agent, id), as the inbox's other kinds.
 * `skipStored`: nothing is recorded for an id the agent's forms already hold (the desk's report of a
 * form it set aside, arriving after the form itself went through on a resend).
 * Returns the ids recorded now and the ids skipped because the form is stored.
 */
async function insertRefusals(
  db: Queryable,
  agentId: number,
  refusals: readonly Refusal[],
  at: Date,
  skipStored: boolean,
): Promise<{ recorded: Set<string>; stored: Set<string> }> {
  // Cut by code point and cleaned: what PostgreSQL cannot store must not fail the request.
  const rows = refusals.map((refusal) => {
    const formType = cutText(toStorableText(refusal.formType), 40);
    const reason = toStorableText(refusal.reason);
    return {
      client_id: refusal.clientId,
      form_type: formType,
      reason,
      payload: refusal.payload ?? null,
      customer_code: cutText(toStorableText(refusal.customerCode), 40),
      customer_name: cutText(toStorableText(refusal.customerName), 200),
      form_title: formType ? cutText(formTitle(formType), 120) : '',
      summary: cutText(`${ESCALATION_KINDS.formulario_rechazado}: ${reason}`, 500),
    };
  });
  const insert = (values: typeof rows) =>
    db.query<{ client_id: string; outcome: 'recorded' | 'stored' }>(
      `WITH x AS (
         SELECT DISTINCT ON (client_id) *
           FROM jsonb_to_recordset($1::jsonb) AS x(client_id text, form_type text, reason text, payload jsonb,
                                                   customer_code text, customer_name text, form_title text, summary text)
       ), stored AS (
         SELECT x.client_id FROM x
          WHERE $4::boolean AND EXISTS (SELECT 1 FROM forms f WHERE f.id::text = x.client_id AND f.submitted_by = $2::bigint)
       ), refused AS (
         INSERT INTO form_refusals (agent_id, client_id, form_type, reason, payload, refused_at)
         SELECT $2::bigint, x.client_id, x.form_type, x.reason, x.payload, $3::timestamptz FROM x
          WHERE x.client_id NOT IN (SELECT client_id FROM stored)
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
       ), events AS (
         INSERT INTO escalation_events (escalation_id, kind, actor_id, at, version)
         SELECT id, 'created', agent_id, $3::timestamptz, version FROM created
       )
       SELECT client_id, 'recorded' AS outcome FROM refused
       UNION ALL SELECT client_id, 'stored' FROM stored`,
      [JSON.stringify(values), agentId, at, skipStored],
    );
  let answer;
  try {
    answer = await insert(rows);
  } catch {
    // What was sent may be what PostgreSQL refuses (a NUL in a string): keep the refusal without it.
    answer = await insert(rows.map((row) => ({ ...row, payload: null })));
  }
  const ids = (outcome: 'recorded' | 'stored') =>
    new Set(answer.rows.filter((row) => row.outcome === outcome).map((row) => row.client_id));
  return { recorded: ids('recorded'), stored: ids('stored') };
}

/**
 * Keeps the forms the intake refused, with the reason and what was sent (see insertRefusals). A
 * refused item without a readable id cannot be resent nor told apart from a retry, so it is not
 * kept (the desk shows it to the agent as it was).
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
    return [
      {
        clientId: result.id,
        formType: text(raw, 'formId', 40),
        reason: result.reason,
        payload: raw ?? null,
        customerCode: text(raw, 'customerCode', 40),
        customerName: text(raw, 'customerName', 200),
      },
    ];
  });
  if (refused.length > 0) await insertRefusals(db, agentId, refused, at, false);
}

/** What the supervisor reads for a form the desk set aside: who decided, why, and the desk's words. */
export function parkedReason(deskReason: string): string {
  // «(Error interno.).» reads badly: the desk's closing full stop goes.
  const words = deskReason.replace(/[.\s]+$/, '') || deskReason;
  return `Apartado por el equipo: la central falla cada vez que recibe este formulario, mientras recibe los demás (${words}).`;
}

/**
 * Records the forms an agent's desk set aside (POST /forms/parked) as refusals with their inbox
 * item, like the intake's refusals, without a payload: each id once per agent (`duplicate` after
 * that), and nothing for a form the central already holds (`stored`).
 */
export async function recordParkedForms(
  db: Queryable,
  agentId: number,
  forms: readonly ParkedForm[],
  at: Date,
): Promise<Array<{ id: string; status: 'recorded' | 'duplicate' | 'stored' }>> {
  const parked = forms.map((form) => ({
    clientId: form.id.toLowerCase(),
    formType: form.formId,
    reason: parkedReason(form.reason),
    payload: null,
    customerCode: form.customerCode,
    customerName: form.customerName,
  }));
  const { recorded, stored } = await insertRefusals(db, agentId, parked, at, true);
  return parked.map(({ clientId }) => ({
    id: clientId,
    status: recorded.has(clientId) ? 'recorded' : stored.has(clientId) ? 'stored' : 'duplicate',
  }));
}
