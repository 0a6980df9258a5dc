/**
 * The rows behind a number: the raw table with the widget's predicates plus the cell's, newest
 * first, in keyset pages. Personal data is masked here, at the source, for roles that may not
 * see it (the screen and its exports then show the same thing).
 */
import type {
  CaseRow,
  CallRow,
  DrillCell,
  DrillResponse,
  DrillSource,
  FormRow,
  RefusalRow,
  TicketRow,
} from '../../../shared/api/board';
import { maskPhone, maskRut } from '../../../shared/export';
import { caseNumber, type ProcedureId } from '../../../shared/procedures';
import { isStorableText } from '../../../shared/text/storable';
import { timestampProblem } from '../../../shared/validation/dates';
import type { Queryable } from '../db/types';
import { formTitle } from '../forms/intake';
import type { BoardQuery } from './scope';
import { Params, blockMatch, instantRange } from './sql';
import { BoardFilterError } from './scope';
import { caseOwner, caseTeam, monthsOf } from './caseWidgets';

export interface DrillRequest {
  source: DrillSource;
  cell: DrillCell;
  cursor: string | null;
  limit: number;
  /** Show RUTs and phones as they are (else masked). */
  personalData: boolean;
}

type Cursor = [string, number | string, string];

function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string | null): Cursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      timestampProblem(value[0]) === null &&
      (typeof value[1] === 'string' ? isStorableText(value[1]) : Number.isSafeInteger(value[1])) &&
      typeof value[2] === 'string' &&
      isStorableText(value[2])
    )
      return value as Cursor;
  } catch {
    // fall through
  }
  throw new BoardFilterError(400, 'Página inválida: vuelva a abrir el detalle.');
}

/** Who a cell row of the agents or teams table stands for. */
async function cellIds(
  db: Queryable,
  cell: DrillCell,
): Promise<{ agentId: number | null; teamId: number | null }> {
  let agentId: number | null = null;
  let teamId: number | null = null;
  const idOf = async (username: string) =>
    (await db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]?.id ??
    -1;
  if (cell.cellAgent) agentId = await idOf(cell.cellAgent);
  if (cell.cellTeam) teamId = cell.cellTeam === '-' ? 0 : await idOf(cell.cellTeam);
  return { agentId, teamId };
}

/** The range of the rows: the board's, or one day or month of it. */
function range(q: BoardQuery, cell: DrillCell): { from: string; to: string } {
  if (cell.month) {
    const month = monthsOf(q.filters.from, q.filters.to).find((m) => m.month === cell.month);
    if (!month) throw new BoardFilterError(400, 'El mes pedido está fuera del rango de fechas del tablero.');
    return month;
  }
  if (!cell.day) return { from: q.filters.from, to: q.filters.to };
  if (cell.day < q.filters.from || cell.day > q.filters.to)
    throw new BoardFilterError(400, 'El día pedido está fuera del rango de fechas del tablero.');
  return { from: cell.day, to: cell.day };
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export async function drill(
  db: Queryable,
  q: BoardQuery,
  request: DrillRequest,
  asOf: Date,
): Promise<DrillResponse> {
  const { cell } = request;
  const ids = await cellIds(db, cell);
  const { from, to } = range(q, cell);
  const cursor = decodeCursor(request.cursor);
  const p = new Params();
  const where: string[] = [];
  const owner = (column: string, team: string) => {
    if (q.teamId !== null) where.push(`${team} = ${p.add(q.teamId)}`);
    if (q.agentId !== null) where.push(`${column} = ${p.add(q.agentId)}`);
    if (ids.teamId !== null) where.push(`${team} = ${p.add(ids.teamId)}`);
    if (ids.agentId !== null) where.push(`${column} = ${p.add(ids.agentId)}`);
  };
  const page = (time: string, idColumn: string, agentColumn: string) => {
    if (cursor)
      where.push(
        `(${time}, ${agentColumn}, ${idColumn}) < (${p.add(cursor[0])}::timestamptz, ${p.add(cursor[1])}, ${p.add(cursor[2])})`,
      );
    return ` ORDER BY ${time} DESC, ${agentColumn} DESC, ${idColumn} DESC LIMIT ${p.add(request.limit + 1)}`;
  };
  const rut = (value: string | null) => (value && !request.personalData ? maskRut(value) : value);
  const phone = (value: string | null) => (value && !request.personalData ? maskPhone(value) : value);

  let rows: Array<CallRow | FormRow | RefusalRow | TicketRow | CaseRow>;
  let keys: Cursor[];

  switch (request.source) {
    case 'calls': {
      where.push(instantRange(p, from, to, 'c.started_at'));
      owner('c.agent_id', 'c.team_id');
      if (q.filters.block) where.push(blockMatch(p, 'c.block_codes', q.filters.block));
      if (cell.cellBlock) where.push(blockMatch(p, 'c.block_codes', cell.cellBlock));
      if (cell.measure === 'blocked') where.push(`c.block_codes <> '{}'`);
      if (cell.measure === 'missed') where.push(`c.outcome = 'missed'`);
      if (cell.measure === 'answered') where.push('c.answered_at IS NOT NULL');
      const order = page('c.started_at', 'c.id', 'c.agent_id');
      const result = await db.query<{
        id: string;
        agent_id: number;
        username: string;
        started_at: Date;
        direction: 'incoming' | 'outgoing';
        number: string | null;
        customer_code: string | null;
        block_codes: string[];
        outcome: string;
        handled: number | null;
        transfer_target: string | null;
      }>(
        `SELECT c.id, c.agent_id, u.username, c.started_at, c.direction, c.number, c.customer_code, c.block_codes, c.outcome,
                CASE WHEN c.answered_at IS NOT NULL THEN GREATEST(0, EXTRACT(epoch FROM c.ended_at - c.answered_at))::bigint END AS handled,
                c.transfer_target
           FROM calls c JOIN users u ON u.id = c.agent_id
          WHERE ${where.join(' AND ')}${order}`,
        p.values,
      );
      keys = result.rows.map((r) => [r.started_at.toISOString(), r.agent_id, r.id]);
      rows = result.rows.map((r): CallRow => ({
        id: r.id,
        startedAt: r.started_at.toISOString(),
        agent: r.username,
        direction: r.direction,
        number: phone(r.number),
        customerCode: r.customer_code,
        blockCodes: r.block_codes,
        outcome: r.outcome,
        handledSeconds: r.handled,
        transferTarget: r.transfer_target,
      }));
      break;
    }
    case 'forms': {
      where.push(instantRange(p, from, to, 'f.created_at'));
      owner('f.submitted_by', 'f.team_id');
      if (q.filters.block) where.push(blockMatch(p, 'f.block_codes', q.filters.block));
      if (cell.cellBlock) where.push(blockMatch(p, 'f.block_codes', cell.cellBlock));
      if (q.filters.formType) where.push(`f.form_id = ${p.add(q.filters.formType)}`);
      if (cell.cellFormType) where.push(`f.form_id = ${p.add(cell.cellFormType)}`);
      if (cell.status) where.push(`f.status = ${p.add(cell.status)}`);
      if (cell.measure === 'rejected') where.push(`f.status = 'rechazado'`);
      const order = page('f.created_at', 'f.id::text', 'f.submitted_by');
      const result = await db.query<{
        id: string;
        submitted_by: number;
        username: string;
        created_at: Date;
        form_id: string;
        customer_code: string;
        customer_name: string;
        rut: string | null;
        phone: string | null;
        block_codes: string[];
        status: FormRow['status'];
        resolved_at: Date | null;
      }>(
        `SELECT f.id::text, f.submitted_by, u.username, f.created_at, f.form_id, f.customer_code, f.customer_name,
                f.payload->'values'->>'rut' AS rut, f.payload->'values'->>'contactPhone' AS phone, f.block_codes,
                f.status, f.resolved_at
           FROM forms f JOIN users u ON u.id = f.submitted_by
          WHERE ${where.join(' AND ')}${order}`,
        p.values,
      );
      keys = result.rows.map((r) => [r.created_at.toISOString(), r.submitted_by, r.id]);
      rows = result.rows.map((r): FormRow => ({
        id: r.id,
        createdAt: r.created_at.toISOString(),
        agent: r.username,
        formType: r.form_id,
        title: formTitle(r.form_id),
        customerCode: r.customer_code,
        customerName: r.customer_name,
        rut: rut(r.rut),
        phone: phone(r.phone),
        blockCodes: r.block_codes,
        status: r.status,
        resolvedAt: iso(r.resolved_at),
      }));
      break;
    }
    case 'refusals': {
      where.push(instantRange(p, from, to, 'r.refused_at'));
      owner('r.agent_id', 'r.team_id');
      const order = page('r.refused_at', 'r.client_id', 'r.agent_id');
      const result = await db.query<{
        client_id: string;
        agent_id: number;
        username: string;
        refused_at: Date;
        form_type: string;
        reason: string;
      }>(
        `SELECT r.client_id, r.agent_id, u.username, r.refused_at, r.form_type, r.reason
           FROM form_refusals r JOIN users u ON u.id = r.agent_id
          WHERE ${where.join(' AND ')}${order}`,
        p.values,
      );
      keys = result.rows.map((r) => [r.refused_at.toISOString(), r.agent_id, r.client_id]);
      rows = result.rows.map((r): RefusalRow => ({
        id: r.client_id,
        refusedAt: r.refused_at.toISOString(),
        agent: r.username,
        formType: r.form_type ? formTitle(r.form_type) : '',
        reason: r.reason,
      }));
      break;
    }
    case 'tickets': {
      where.push(instantRange(p, from, to, 't.created_at'));
      owner('t.created_by', 't.team_id');
      if (q.filters.ticketType) where.push(`t.typology_id = ${p.add(q.filters.ticketType)}`);
      if (cell.typologyId) where.push(`t.typology_id = ${p.add(cell.typologyId)}`);
      const today = p.add(q.today);
      if (cell.measure === 'open') where.push(`t.status = 'abierto'`);
      if (cell.measure === 'closed') where.push(`t.status = 'cerrado'`);
      if (cell.measure === 'overdue') where.push(`t.status = 'abierto' AND t.due_date < ${today}::date`);
      if (cell.measure === 'closedLate')
        where.push(`t.closed_at IS NOT NULL AND board_day(t.closed_at) > t.due_date`);
      const order = page('t.created_at', 't.id', 'COALESCE(t.created_by, 0)');
      const result = await db.query<{
        id: string;
        created_by: number | null;
        username: string | null;
        created_at: Date;
        customer_code: string;
        asunto: string;
        item: string;
        subitem: string;
        status: 'abierto' | 'cerrado';
        due_date: string;
        closed_at: Date | null;
        business_days: number | null;
        overdue: boolean;
      }>(
        `SELECT t.id, t.created_by, u.username, t.created_at, t.customer_code, y.asunto, y.item, y.subitem, t.status,
                t.due_date::text AS due_date, t.closed_at,
                CASE WHEN t.closed_at IS NOT NULL THEN board_business_days(board_day(t.created_at), board_day(t.closed_at)) END AS business_days,
                (t.status = 'abierto' AND t.due_date < ${today}::date) AS overdue
           FROM tickets t JOIN ticket_typologies y ON y.id = t.typology_id LEFT JOIN users u ON u.id = t.created_by
          WHERE ${where.join(' AND ')}${order}`,
        p.values,
      );
      keys = result.rows.map((r) => [r.created_at.toISOString(), r.created_by ?? 0, r.id]);
      rows = result.rows.map((r): TicketRow => ({
        id: r.id,
        createdAt: r.created_at.toISOString(),
        agent: r.username,
        customerCode: r.customer_code,
        typology: `${r.asunto} / ${r.item} / ${r.subitem}`,
        status: r.status,
        dueDate: r.due_date,
        closedAt: iso(r.closed_at),
        businessDays: r.business_days,
        overdue: r.overdue,
      }));
      break;
    }
    case 'cases':
    case 'indicator': {
      // The same predicates as caseWidgets.ts: opened in the range, or (indicator) ended in it.
      const time = request.source === 'cases' ? 'c.opened_at' : 'c.closed_at';
      where.push(instantRange(p, from, to, time));
      if (request.source === 'cases') {
        where.push(...caseOwner(p, q, 'c.opened_by'));
        if (ids.agentId !== null) where.push(`c.opened_by = ${p.add(ids.agentId)}`);
        if (ids.teamId !== null) where.push(caseTeam(p, 'c.opened_by', ids.teamId));
        if (q.filters.procedure) where.push(`c.procedure = ${p.add(q.filters.procedure)}`);
      } else {
        where.push(`c.procedure = 'anulacion' AND c.indicator_outcome IS NOT NULL`);
      }
      if (cell.cellProcedure) where.push(`c.procedure = ${p.add(cell.cellProcedure)}`);
      if (cell.step) where.push(`c.current_step = ${p.add(cell.step)}`);
      if (cell.endState) where.push(`c.end_state = ${p.add(cell.endState)}`);
      if (cell.outcome) where.push(`c.indicator_outcome = ${p.add(cell.outcome)}`);
      const now = `${p.add(q.now.toISOString())}::timestamptz`;
      if (cell.measure === 'open') where.push(`c.state = 'abierto'`);
      if (cell.measure === 'closed') where.push(`c.state = 'cerrado'`);
      if (cell.measure === 'overdue') where.push(`c.state = 'abierto' AND c.due_at < ${now}`);
      const order = page(time, 'c.case_id::text', 'c.case_id');
      const result = await db.query<{
        case_id: number;
        procedure: ProcedureId;
        subject: string;
        customer_code: string | null;
        customer_name: string;
        opened_at: Date;
        opened_by: string | null;
        state: 'abierto' | 'cerrado';
        step_or_end: string | null;
        due_at: Date | null;
        overdue: boolean;
        closed_at: Date | null;
        indicator_outcome: 'no_anulada' | 'anulada' | null;
        assignee: string | null;
      }>(
        `SELECT c.case_id, c.procedure, c.subject, c.customer_code, c.customer_name, c.opened_at, o.username AS opened_by,
                c.state, COALESCE(c.current_step_title, c.end_state_label) AS step_or_end, c.due_at,
                (c.state = 'abierto' AND c.due_at < ${now}) AS overdue, c.closed_at, c.indicator_outcome,
                c.assignee_username AS assignee
           FROM case_facts c LEFT JOIN users o ON o.id = c.opened_by
          WHERE ${where.join(' AND ')}${order}`,
        p.values,
      );
      const keyTime = (r: { opened_at: Date; closed_at: Date | null }) =>
        (request.source === 'cases' ? r.opened_at : r.closed_at!).toISOString();
      keys = result.rows.map((r) => [keyTime(r), Number(r.case_id), String(r.case_id)]);
      rows = result.rows.map((r): CaseRow => ({
        id: caseNumber(r.procedure, Number(r.case_id)),
        procedure: r.procedure,
        subject: r.subject,
        customerCode: r.customer_code,
        customerName: r.customer_name,
        openedAt: r.opened_at.toISOString(),
        openedBy: r.opened_by,
        state: r.state,
        stepOrEnd: r.step_or_end,
        dueAt: iso(r.due_at),
        overdue: r.overdue,
        closedAt: iso(r.closed_at),
        indicatorOutcome: r.indicator_outcome,
        assignee: r.assignee,
      }));
      break;
    }
  }
  const more = rows.length > request.limit;
  return {
    asOf: asOf.toISOString(),
    source: request.source,
    rows: rows.slice(0, request.limit),
    nextCursor: more ? encodeCursor(keys[request.limit - 1]!) : null,
  };
}
