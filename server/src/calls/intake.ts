import { callRecordSchema, type CallRecord } from '../../../shared/telephony/callRecord';
import type { Queryable } from '../db/types';

export type CallResult =
  | { id: string | null; status: 'accepted' | 'duplicate' }
  | { id: string | null; status: 'rejected'; reason: string };

const LABELS: Record<string, string> = {
  id: 'Identificador de la llamada',
  direction: 'Sentido',
  number: 'Número',
  displayName: 'Nombre mostrado',
  customerCode: 'Código de cliente',
  blockCodes: 'Códigos de bloqueo',
  startedAt: 'Inicio',
  answeredAt: 'Contestada',
  endedAt: 'Término',
  outcome: 'Resultado',
  transferTarget: 'Destino de la transferencia',
  companion: 'Modo acompañante',
  callBackOf: 'Llamada devuelta',
};

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 256) : null;
}

/**
 * Stores a batch of one agent's finished calls: each checked on its own with the shared schema,
 * the good ones in one statement, idempotent on (agent, call id) so an upload repeated after a
 * lost answer is a duplicate, never a second call. The one change a repeat may bring: the customer
 * (and his block codes) that the desk's look-up found after the call was first uploaded — filled in
 * only where the stored call has none, never overwriting what the server has. The roll-up triggers
 * of migrations 006 and 009 count the stored and the completed calls in the same statement.
 */
export async function takeCalls(db: Queryable, agentId: number, items: unknown[]): Promise<CallResult[]> {
  const results: CallResult[] = new Array(items.length);
  const valid: Array<{ index: number; call: CallRecord }> = [];
  const seen = new Set<string>();
  items.forEach((raw, index) => {
    const parsed = callRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const reasons = [
        ...new Set(
          parsed.error.issues.map((issue) => {
            const top = issue.path.map(String)[0];
            const message =
              issue.code === 'unrecognized_keys'
                ? `campos desconocidos: ${issue.keys.join(', ')}`
                : issue.message;
            return `${top ? (LABELS[top] ?? top) : 'Llamada'}: ${message}`;
          }),
        ),
      ];
      results[index] = { id: idOf(raw), status: 'rejected', reason: reasons.slice(0, 5).join(' · ') };
      return;
    }
    if (seen.has(parsed.data.id)) {
      results[index] = { id: parsed.data.id, status: 'duplicate' };
      return;
    }
    seen.add(parsed.data.id);
    valid.push({ index, call: parsed.data });
  });
  if (valid.length === 0) return results;

  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO calls (id, agent_id, direction, number, display_name, customer_code, block_codes, started_at,
                        answered_at, ended_at, outcome, transfer_target, companion, call_back_of)
     SELECT x.id, $2, x.direction, x.number, x.display_name, x.customer_code,
            ARRAY(SELECT jsonb_array_elements_text(x.block_codes)), x.started_at, x.answered_at, x.ended_at,
            x.outcome, x.transfer_target, x.companion, x.call_back_of
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, direction text, number text, display_name text,
            customer_code text, block_codes jsonb, started_at timestamptz, answered_at timestamptz,
            ended_at timestamptz, outcome text, transfer_target text, companion boolean, call_back_of text)
     ON CONFLICT (agent_id, id) DO UPDATE
       SET customer_code = excluded.customer_code,
           block_codes = CASE WHEN calls.block_codes = '{}' THEN excluded.block_codes ELSE calls.block_codes END
       WHERE calls.customer_code IS NULL AND excluded.customer_code IS NOT NULL
     RETURNING id`,
    [
      JSON.stringify(
        valid.map(({ call }) => ({
          id: call.id,
          direction: call.direction,
          number: call.number,
          display_name: call.displayName,
          customer_code: call.customerCode,
          block_codes: call.blockCodes,
          started_at: call.startedAt,
          answered_at: call.answeredAt,
          ended_at: call.endedAt,
          outcome: call.outcome,
          transfer_target: call.transferTarget,
          companion: call.companion,
          call_back_of: call.callBackOf,
        })),
      ),
      agentId,
    ],
  );
  const stored = new Set(rows.map((row) => row.id));
  for (const { index, call } of valid) {
    results[index] = { id: call.id, status: stored.has(call.id) ? 'accepted' : 'duplicate' };
  }
  return results;
}
