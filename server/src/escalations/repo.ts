import {
  type Escalation,
  type EscalationDetail,
  type EscalationEventBody,
  type EscalationKind,
} from '../../../shared/api';
import {
  SUPERVISOR_REASONS,
  type FormSubmission,
  type SupervisorReason,
} from '../../../shared/forms/submission';
import { BLOCK_PROBLEM_LEAF_ID } from '../../../shared/requirements/typology';
import type { Db, Queryable } from '../db/types';
import { CaseError, isUniqueViolation, requestHash } from '../cases/engine';

/** Which inbox kind an agent's "Aviso al supervisor" is. */
const KIND_OF_REASON: Record<SupervisorReason, EscalationKind> = {
  'datos-ya-tomados': 'datos_ya_tomados',
  'codigo-desconocido': 'codigo_desconocido',
  'codigo-reemplazado-sin-nuevo': 'codigo_reemplazado',
  'ticket-vencido': 'ticket_vencido',
  'z3-sin-habilitado': 'z3_sin_habilitado',
};

/**
 * An agent's supervisor form becomes an inbox item, in the form's own transaction. An overdue
 * ticket the agent escalates and the one the sweep finds are the same item (keyed by ticket).
 */
export async function escalationFromForm(
  tx: Queryable,
  input: { submission: FormSubmission; userId: number; supervisorId: number | null; now: Date },
): Promise<void> {
  const { submission } = input;
  const reason = submission.supervisorReason;
  if (!reason) return;
  const kind = KIND_OF_REASON[reason];
  const ticketId = submission.context?.ticketId ?? null;
  const comment = submission.values.observations?.trim() ?? '';
  const details: Record<string, string> = {
    ...(comment ? { comentario: comment } : {}),
    ...(submission.blockCodes.length ? { bloqueos: submission.blockCodes.join(', ') } : {}),
    ...(submission.context?.orderId ? { pedido: submission.context.orderId } : {}),
    ...(submission.context?.callId ? { llamada: submission.context.callId } : {}),
  };
  await insertEscalation(tx, {
    kind,
    sourceKey: kind === 'ticket_vencido' && ticketId ? `ticket:${ticketId}` : `form:${submission.id}`,
    customerCode: submission.customerCode,
    customerName: submission.customerName,
    summary: SUPERVISOR_REASONS[reason],
    details,
    agentId: input.userId,
    supervisorId: input.supervisorId,
    formId: submission.id,
    ticketId: ticketId && (await ticketExists(tx, ticketId)) ? ticketId : null,
    at: input.now,
  });
}

async function ticketExists(q: Queryable, id: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM tickets WHERE id = $1', [id]);
  return rows.length > 0;
}

interface NewEscalation {
  kind: EscalationKind;
  sourceKey: string;
  customerCode: string | null;
  customerName: string;
  summary: string;
  details: Record<string, string>;
  agentId: number | null;
  supervisorId: number | null;
  formId: string | null;
  ticketId: string | null;
  at: Date;
}

async function insertEscalation(q: Queryable, e: NewEscalation): Promise<void> {
  await q.query(
    `WITH created AS (
       INSERT INTO escalations (kind, source_key, customer_code, customer_name, summary, details, agent_id, supervisor_id,
                                form_id, ticket_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::uuid, $10, $11::timestamptz)
       ON CONFLICT (source_key) DO NOTHING
       RETURNING id, version, agent_id
     )
     INSERT INTO escalation_events (escalation_id, kind, actor_id, at, version)
     SELECT id, 'created', agent_id, $11::timestamptz, version FROM created`,
    [
      e.kind,
      e.sourceKey,
      e.customerCode,
      e.customerName,
      e.summary,
      JSON.stringify(e.details),
      e.agentId,
      e.supervisorId,
      e.formId,
      e.ticketId,
      e.at.toISOString(),
    ],
  );
}

/**
 * Z4 tickets past their due date with no answer (seed 000: "si la fecha ya está vencida y no tiene
 * respuesta, se debe escalar con supervisor") become inbox items, once each. `today` is the
 * contact center's day; the due day itself is still on time. Returns how many were added.
 */
export async function sweepOverdueTickets(db: Queryable, today: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `WITH overdue AS (
       SELECT t.id, t.customer_code, t.due_date, t.description, t.created_by, u.supervisor_id
         FROM tickets t JOIN ticket_typologies y ON y.id = t.typology_id
         LEFT JOIN users u ON u.id = t.created_by
        WHERE t.status = 'abierto' AND t.due_date < $1::date
          AND y.leaf_id = $2
          AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.source_key = 'ticket:' || t.id)
     ), created AS (
       INSERT INTO escalations (kind, source_key, customer_code, customer_name, summary, details, agent_id,
                                supervisor_id, ticket_id, created_at)
       SELECT 'ticket_vencido', 'ticket:' || o.id, o.customer_code,
              COALESCE((SELECT c.data->>'nombre' FROM customers c WHERE c.codigo = o.customer_code), ''),
              'Ticket «Problema de bloqueo / Fuera de norma» ' || o.id || ' vencido el ' || to_char(o.due_date, 'DD-MM-YYYY') || ' sin respuesta',
              jsonb_build_object('ticket', o.id, 'vencimiento', o.due_date::text, 'descripcion', o.description),
              o.created_by, o.supervisor_id, o.id, $3::timestamptz
         FROM overdue o
       ON CONFLICT (source_key) DO NOTHING
       RETURNING id, version
     ), events AS (
       INSERT INTO escalation_events (escalation_id, kind, at, version)
       SELECT id, 'created', $3::timestamptz, version FROM created
     )
     SELECT id FROM created`,
    [today, BLOCK_PROBLEM_LEAF_ID, now.toISOString()],
  );
  return rows.length;
}

export interface Viewer {
  id: number;
  role: string;
}

/** Admins see every item; a supervisor their team's, the ones assigned to them, and the unowned. */
function visible(viewer: Viewer, firstParam: number): { sql: string; params: unknown[] } {
  if (viewer.role === 'admin') return { sql: 'true', params: [] };
  const p = `$${firstParam}`;
  return {
    sql: `(e.supervisor_id = ${p} OR e.assignee_id = ${p} OR e.supervisor_id IS NULL)`,
    params: [viewer.id],
  };
}

interface EscalationRow {
  id: number;
  kind: EscalationKind;
  status: Escalation['status'];
  customer_code: string | null;
  customer_name: string;
  summary: string;
  details: Record<string, string>;
  agent: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  form_id: string | null;
  ticket_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  version: number;
}

const COLUMNS = `e.id, e.kind, e.status, e.customer_code, e.customer_name, e.summary, e.details, ag.display_name AS agent,
  e.assignee_id, asg.display_name AS assignee_name, e.form_id, e.ticket_id, e.created_at, e.closed_at, e.version`;
const FROM = `escalations e LEFT JOIN users ag ON ag.id = e.agent_id LEFT JOIN users asg ON asg.id = e.assignee_id`;

function toEscalation(row: EscalationRow): Escalation {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    customerCode: row.customer_code,
    customerName: row.customer_name,
    summary: row.summary,
    details: row.details,
    agent: row.agent,
    assignee: row.assignee_id !== null ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    formId: row.form_id,
    ticketId: row.ticket_id,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    version: row.version,
  };
}

export async function listEscalations(
  db: Queryable,
  viewer: Viewer,
  query: { status: 'open' | 'closed'; kind?: EscalationKind; mine?: boolean; limit: number },
): Promise<{ escalations: Escalation[]; counts: { open: number; mine: number; unassigned: number } }> {
  const filter = visible(viewer, 1);
  const params: unknown[] = [...filter.params];
  const where = [filter.sql, query.status === 'open' ? `e.status <> 'cerrada'` : `e.status = 'cerrada'`];
  if (query.kind) {
    params.push(query.kind);
    where.push(`e.kind = $${params.length}`);
  }
  if (query.mine) {
    params.push(viewer.id);
    where.push(`e.assignee_id = $${params.length}`);
  }
  params.push(query.limit);
  const order = query.status === 'open' ? 'e.created_at ASC, e.id ASC' : 'e.closed_at DESC, e.id DESC';
  const { rows } = await db.query<EscalationRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
    params,
  );
  const countFilter = visible(viewer, 2);
  const counts = await db.query<{ open: number; mine: number; unassigned: number }>(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE e.assignee_id = $1)::int AS mine,
            count(*) FILTER (WHERE e.assignee_id IS NULL)::int AS unassigned
       FROM escalations e WHERE e.status <> 'cerrada' AND ${countFilter.sql}`,
    [viewer.id, ...countFilter.params],
  );
  return { escalations: rows.map(toEscalation), counts: counts.rows[0]! };
}

export async function escalationDetail(
  db: Queryable,
  viewer: Viewer,
  id: number,
): Promise<EscalationDetail | null> {
  const filter = visible(viewer, 2);
  const { rows } = await db.query<EscalationRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1 AND ${filter.sql}`,
    [id, ...filter.params],
  );
  const row = rows[0];
  if (!row) return null;
  const events = await db.query<{
    id: number;
    kind: EscalationDetail['events'][number]['kind'];
    actor: string | null;
    at: Date;
    comment: string | null;
    assignee: string | null;
  }>(
    `SELECT v.id, v.kind, u.display_name AS actor, v.at, v.comment, a.display_name AS assignee
       FROM escalation_events v LEFT JOIN users u ON u.id = v.actor_id LEFT JOIN users a ON a.id = v.assignee_id
      WHERE v.escalation_id = $1 ORDER BY v.id`,
    [id],
  );
  return {
    ...toEscalation(row),
    events: events.rows.map((e) => ({
      id: e.id,
      kind: e.kind,
      actor: e.actor,
      at: e.at.toISOString(),
      comment: e.comment,
      assignee: e.assignee,
    })),
  };
}

const ACTION_LABELS: Record<EscalationEventBody['type'], string> = {
  take: 'tomó',
  comment: 'comentó',
  reassign: 'reasignó',
  close: 'cerró',
  reopen: 'reabrió',
};

/**
 * Take, comment, reassign, close or reopen an inbox item; nothing is ever deleted. Idempotent by
 * `clientId`; a state change at a stale version is a 409 saying who changed it (a comment never is).
 */
export async function actOnEscalation(
  db: Db,
  viewer: Viewer & { displayName: string },
  id: number,
  body: EscalationEventBody,
  now: Date,
): Promise<{ duplicate: boolean }> {
  const hash = requestHash(body);
  const current = await escalationDetail(db, viewer, id);
  if (!current) throw new CaseError(404, 'No existe ese escalamiento, o no es de su equipo.');
  const prior = await db.query<{ escalation_id: number; request_hash: string | null }>(
    'SELECT escalation_id, request_hash FROM escalation_events WHERE client_id = $1::uuid',
    [body.clientId],
  );
  if (prior.rows[0]) {
    if (prior.rows[0].escalation_id !== id || prior.rows[0].request_hash !== hash)
      throw new CaseError(
        409,
        'Ese identificador de acción ya se usó para otra acción: recargue e intente de nuevo.',
      );
    return { duplicate: true };
  }
  const comment = 'comment' in body ? (body.comment?.trim() ?? '') : '';
  if ((body.type === 'comment' || body.type === 'close' || body.type === 'reopen') && !comment) {
    const what = { comment: 'el comentario', close: 'cómo se resolvió', reopen: 'por qué se reabre' }[
      body.type
    ];
    throw new CaseError(422, `Escriba ${what}.`, { fieldErrors: { comment: 'Este dato es obligatorio.' } });
  }
  let status: Escalation['status'] = current.status;
  let assigneeId: number | null = current.assignee?.id ?? null;
  switch (body.type) {
    case 'take':
      if (current.status === 'cerrada')
        throw new CaseError(422, 'El escalamiento está cerrado: reábralo para tomarlo.');
      status = 'tomada';
      assigneeId = viewer.id;
      break;
    case 'reassign': {
      if (current.status === 'cerrada')
        throw new CaseError(422, 'El escalamiento está cerrado: reábralo para reasignarlo.');
      const { rows } = await db.query<{ role: string }>(
        'SELECT role FROM users WHERE id = $1 AND NOT disabled',
        [body.assigneeId],
      );
      if (!rows[0] || rows[0].role === 'agent')
        throw new CaseError(422, 'Solo se asigna a supervisores o usuarios del back office.');
      status = 'tomada';
      assigneeId = body.assigneeId;
      break;
    }
    case 'close':
      if (current.status === 'cerrada') throw new CaseError(422, 'El escalamiento ya está cerrado.');
      status = 'cerrada';
      break;
    case 'reopen':
      if (current.status !== 'cerrada') throw new CaseError(422, 'El escalamiento no está cerrado.');
      status = assigneeId === null ? 'abierta' : 'tomada';
      break;
    case 'comment':
      break;
  }
  const changesState = body.type !== 'comment';
  if (changesState && 'expectedVersion' in body && body.expectedVersion !== current.version) {
    throw await staleConflict(db, id, current.version);
  }
  try {
    const { rows } = await db.query<{ id: number }>(
      `WITH changed AS (
         UPDATE escalations SET status = $3, assignee_id = $4::bigint,
                closed_at = CASE WHEN $3 = 'cerrada' THEN $5::timestamptz END,
                version = version + CASE WHEN $6::boolean THEN 1 ELSE 0 END
          WHERE id = $1 AND (NOT $6::boolean OR version = $2)
          RETURNING id, version
       )
       INSERT INTO escalation_events (escalation_id, client_id, request_hash, kind, actor_id, at, comment, assignee_id, version)
       SELECT id, $7::uuid, $8, $9, $10, $5::timestamptz, $11, $12::bigint, version FROM changed
       RETURNING id`,
      [
        id,
        'expectedVersion' in body ? body.expectedVersion : current.version,
        status,
        assigneeId,
        now.toISOString(),
        changesState,
        body.clientId,
        hash,
        body.type,
        viewer.id,
        comment || null,
        body.type === 'take' || body.type === 'reassign' ? assigneeId : null,
      ],
    );
    if (rows.length > 0) return { duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { duplicate: true };
  }
  const after = await escalationDetail(db, viewer, id);
  throw await staleConflict(db, id, after?.version ?? current.version);
}

async function staleConflict(db: Queryable, id: number, version: number): Promise<CaseError> {
  const { rows } = await db.query<{ kind: EscalationEventBody['type']; name: string | null }>(
    `SELECT v.kind, u.display_name AS name FROM escalation_events v LEFT JOIN users u ON u.id = v.actor_id
      WHERE v.escalation_id = $1 AND v.kind NOT IN ('created', 'comment') ORDER BY v.id DESC LIMIT 1`,
    [id],
  );
  const last = rows[0];
  const who = last ? ` ${last.name ?? 'Otro usuario'} lo ${ACTION_LABELS[last.kind]}.` : '';
  return new CaseError(
    409,
    `Otro usuario cambió este escalamiento mientras usted lo veía.${who} Revise el estado actual.`,
    {
      currentVersion: version,
    },
  );
}
