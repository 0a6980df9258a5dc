/**
 * The board's widgets. Each reads a roll-up (migration 006) when it can and the raw table when one
 * agent is asked for (an agent's year is a few thousand rows behind an index): the same predicates
 * as the drill-down (`drill.ts`), so every number equals the rows behind it.
 */
import type {
  AgentsWidget,
  BoardFilterName,
  CallsWidget,
  FormsWidget,
  TicketsWidget,
} from '../../../shared/api/board';
import { FORM_STATUSES, type FormStatus } from '../../../shared/forms/status';
import type { Queryable } from '../db/types';
import { formTitle } from '../forms/intake';
import type { BoardQuery } from './scope';
import { Params, blockMatch, dayRows, instantRange, rangeRows } from './sql';

const ALWAYS: BoardFilterName[] = ['from', 'to', 'team', 'agent'];
export const WIDGET_FILTERS = {
  calls: [...ALWAYS, 'block'],
  forms: [...ALWAYS, 'block', 'formType'],
  tickets: [...ALWAYS, 'ticketType'],
  agents: ALWAYS,
  cases: [...ALWAYS, 'procedure'],
  // Seed 003's indicator is the back office's: no team or agent behind its cases.
  indicator: ['from', 'to'],
} satisfies Record<string, BoardFilterName[]>;

export function envelope(q: BoardQuery, widget: keyof typeof WIDGET_FILTERS, asOf: Date) {
  return { asOf: asOf.toISOString(), filters: q.filters, applies: WIDGET_FILTERS[widget] };
}

// --- Calls with blocked customers --------------------------------------------------------------

export async function callsWidget(db: Queryable, q: BoardQuery, asOf: Date): Promise<CallsWidget> {
  const block = q.filters.block;
  type Day = { day: string; calls: number; blockedCalls: number; missed: number };
  type Block = { block: string; calls: number; missed: number };
  let perDay: Day[];
  let perBlock: Block[];

  if (q.agentId !== null) {
    // One agent: their raw calls (index calls_agent).
    const where = (p: Params) => {
      const parts = [
        `agent_id = ${p.add(q.agentId)}`,
        instantRange(p, q.filters.from, q.filters.to, 'started_at'),
      ];
      if (q.teamId !== null) parts.push(`team_id = ${p.add(q.teamId)}`);
      if (block) parts.push(blockMatch(p, 'block_codes', block));
      return parts.join(' AND ');
    };
    const p1 = new Params();
    perDay = (
      await db.query<Day>(
        `SELECT board_day(started_at)::text AS day, count(*)::int AS calls,
                count(*) FILTER (WHERE block_codes <> '{}')::int AS "blockedCalls",
                count(*) FILTER (WHERE outcome = 'missed')::int AS missed
           FROM calls WHERE ${where(p1)} GROUP BY 1 ORDER BY 1`,
        p1.values,
      )
    ).rows;
    const p2 = new Params();
    const only = block ? ` AND b = ${p2.add(block)}` : '';
    perBlock = (
      await db.query<Block>(
        `SELECT b AS block, count(*)::int AS calls, count(*) FILTER (WHERE outcome = 'missed')::int AS missed
           FROM calls, unnest(block_codes) b
          WHERE ${where(p2)} AND block_codes <> '{}'${only} GROUP BY b`,
        p2.values,
      )
    ).rows;
  } else {
    // The centre or a team: board_calls (day rows for the series, months + edges for the blocks).
    const teamOf = (p: Params) => (q.teamId !== null ? ` AND team_id = ${p.add(q.teamId)}` : '');
    const p1 = new Params();
    const onlyBlock = block ? ` AND ${blockMatch(p1, 'block_set', block)}` : '';
    perDay = (
      await db.query<Day>(
        `SELECT day::text, sum(calls)::bigint AS calls,
                COALESCE(sum(calls) FILTER (WHERE block_set <> '{}'), 0)::bigint AS "blockedCalls",
                sum(missed)::bigint AS missed
           FROM board_calls WHERE ${dayRows(p1, q)}${teamOf(p1)}${onlyBlock}
          GROUP BY day HAVING sum(calls) > 0 ORDER BY day`,
        p1.values,
      )
    ).rows;
    const p2 = new Params();
    const only = block ? ` AND ${blockMatch(p2, 'block_set', block)} AND b = ${p2.add(block)}` : '';
    perBlock = (
      await db.query<Block>(
        `SELECT b AS block, sum(calls)::bigint AS calls, sum(missed)::bigint AS missed
           FROM board_calls, unnest(block_set) b
          WHERE ${rangeRows(p2, q)}${teamOf(p2)} AND block_set <> '{}'${only}
          GROUP BY b HAVING sum(calls) > 0`,
        p2.values,
      )
    ).rows;
  }
  // Sorted here, not by the database's collation: the same order on every engine.
  perBlock.sort((a, b) => b.calls - a.calls || (a.block < b.block ? -1 : a.block > b.block ? 1 : 0));
  const sum = (key: keyof Omit<Day, 'day'>) => perDay.reduce((total, row) => total + row[key], 0);
  return {
    ...envelope(q, 'calls', asOf),
    totals: { calls: sum('calls'), blockedCalls: sum('blockedCalls'), missed: sum('missed') },
    perDay,
    perBlock,
  };
}

// --- Forms ---------------------------------------------------------------------------------------

type FormCounts = Record<FormStatus, number> & { forms: number };
const noForms = (): FormCounts => ({ forms: 0, recibido: 0, resuelto: 0, rechazado: 0 });

export async function formsWidget(db: Queryable, q: BoardQuery, asOf: Date): Promise<FormsWidget> {
  type Cell = {
    agent_id: number | null;
    form_type: string;
    status: FormStatus;
    forms: number;
    resolution_seconds: number;
  };
  const narrowed = (p: Params, where: string[]) => {
    if (q.filters.block) where.push(blockMatch(p, 'block_set', q.filters.block));
    if (q.filters.formType) where.push(`form_type = ${p.add(q.filters.formType)}`);
    return where.join(' AND ');
  };
  const teamOf = (p: Params) => (q.teamId !== null ? [`team_id = ${p.add(q.teamId)}`] : []);
  let rows: Cell[];
  if (q.agentId !== null || q.filters.block || q.filters.formType) {
    // One agent, or narrowed by a block or type: few enough cells per agent and type.
    const p = new Params();
    const agent = q.agentId !== null ? [`agent_id = ${p.add(q.agentId)}`] : [];
    const where = narrowed(p, [rangeRows(p, q), ...teamOf(p), ...agent]);
    rows = (
      await db.query<Cell>(
        `SELECT agent_id, form_type, status, sum(forms)::bigint AS forms, sum(resolution_seconds)::bigint AS resolution_seconds
           FROM board_forms WHERE ${where} GROUP BY agent_id, form_type, status HAVING sum(forms) <> 0`,
        p.values,
      )
    ).rows;
  } else {
    // The centre or a team over months: types and states from the per-team roll-up (no agent
    // dimension, ~6× fewer rows) and the agents' states from their day table.
    const p1 = new Params();
    const byTypeRows = (
      await db.query<Cell>(
        `SELECT NULL::bigint AS agent_id, form_type, status, sum(forms)::bigint AS forms,
                sum(resolution_seconds)::bigint AS resolution_seconds
           FROM board_forms_by_team WHERE ${[rangeRows(p1, q), ...teamOf(p1)].join(' AND ')}
          GROUP BY form_type, status HAVING sum(forms) <> 0`,
        p1.values,
      )
    ).rows;
    const p2 = new Params();
    const perAgentRows = (
      await db.query<Cell>(
        `SELECT agent_id, '' AS form_type, s.status, sum(s.forms)::bigint AS forms, 0::bigint AS resolution_seconds
           FROM board_agent_day,
                LATERAL (VALUES ('recibido', forms - forms_resolved - forms_rejected),
                                ('resuelto', forms_resolved), ('rechazado', forms_rejected)) s(status, forms)
          WHERE ${[rangeRows(p2, q), ...teamOf(p2)].join(' AND ')}
          GROUP BY agent_id, s.status HAVING sum(s.forms) <> 0`,
        p2.values,
      )
    ).rows;
    rows = [...byTypeRows, ...perAgentRows];
  }
  const totals = noForms();
  const byType = new Map<string, FormCounts & { resolutionSeconds: number }>();
  const byAgent = new Map<number, FormCounts>();
  const count = (counts: FormCounts, row: Cell) => {
    counts.forms += row.forms;
    counts[row.status] += row.forms;
  };
  for (const row of rows) {
    // A cell with a type counts for the totals and its type (and its agent when it has one); a
    // cell without a type (the agents' day table) only for its agent.
    if (row.form_type !== '') {
      const type = byType.get(row.form_type) ?? { ...noForms(), resolutionSeconds: 0 };
      count(totals, row);
      count(type, row);
      type.resolutionSeconds += row.resolution_seconds;
      byType.set(row.form_type, type);
    }
    if (row.agent_id !== null) {
      const agent = byAgent.get(row.agent_id) ?? noForms();
      count(agent, row);
      byAgent.set(row.agent_id, agent);
    }
  }
  const names = await userNames(db, [...byAgent.keys()]);
  return {
    ...envelope(q, 'forms', asOf),
    totals,
    byStatus: FORM_STATUSES.map((status) => ({ status, forms: totals[status] })),
    byType: [...byType.entries()]
      .map(([formType, { resolutionSeconds, ...counts }]) => {
        const resolved = counts.resuelto + counts.rechazado;
        return {
          formType,
          title: formTitle(formType),
          ...counts,
          avgResolutionSeconds: resolved > 0 ? Math.round(resolutionSeconds / resolved) : null,
        };
      })
      .sort((a, b) => b.forms - a.forms || a.formType.localeCompare(b.formType)),
    perAgent: [...byAgent.entries()]
      .map(([id, counts]) => ({
        agent: names.get(id)?.username ?? `#${id}`,
        name: names.get(id)?.name ?? '',
        ...counts,
      }))
      .sort((a, b) => b.forms - a.forms || a.agent.localeCompare(b.agent)),
  };
}

// --- Tickets -------------------------------------------------------------------------------------

interface TicketCell {
  typology_id: number;
  status: 'abierto' | 'cerrado';
  overdue: boolean;
  closed_late: boolean;
  business_days: number;
  tickets: number;
}

interface TicketFold {
  opened: number;
  closed: number;
  open: number;
  overdue: number;
  closedLate: number;
  /** business days → closed tickets */
  histogram: Map<number, number>;
}

function ticketFigures(fold: TicketFold) {
  let count = 0;
  let total = 0;
  for (const [days, n] of fold.histogram) {
    count += n;
    total += days * n;
  }
  let median: number | null = null;
  if (count > 0) {
    // The lower median of the closed tickets' business days.
    const middle = Math.ceil(count / 2);
    let seen = 0;
    for (const [days, n] of [...fold.histogram.entries()].sort((a, b) => a[0] - b[0])) {
      seen += n;
      if (seen >= middle) {
        median = days;
        break;
      }
    }
  }
  return {
    opened: fold.opened,
    closed: fold.closed,
    open: fold.open,
    overdue: fold.overdue,
    closedLate: fold.closedLate,
    avgBusinessDays: count > 0 ? Math.round((total / count) * 10) / 10 : null,
    medianBusinessDays: median,
  };
}

export async function ticketsWidget(db: Queryable, q: BoardQuery, asOf: Date): Promise<TicketsWidget> {
  const p = new Params();
  let sql: string;
  const today = p.add(q.today);
  if (q.agentId !== null) {
    const where = [
      `created_by = ${p.add(q.agentId)}`,
      instantRange(p, q.filters.from, q.filters.to, 'created_at'),
    ];
    if (q.teamId !== null) where.push(`team_id = ${p.add(q.teamId)}`);
    if (q.filters.ticketType) where.push(`typology_id = ${p.add(q.filters.ticketType)}`);
    sql = `SELECT typology_id, status, (status = 'abierto' AND due_date < ${today}::date) AS overdue,
                  (closed_at IS NOT NULL AND board_day(closed_at) > due_date) AS closed_late,
                  CASE WHEN closed_at IS NULL THEN -1
                       ELSE COALESCE(board_business_days(board_day(created_at), board_day(closed_at)), -1) END AS business_days,
                  count(*)::int AS tickets
             FROM tickets WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3, 4, 5`;
  } else {
    const where = [rangeRows(p, q)];
    if (q.teamId !== null) where.push(`team_id = ${p.add(q.teamId)}`);
    if (q.filters.ticketType) where.push(`typology_id = ${p.add(q.filters.ticketType)}`);
    sql = `SELECT typology_id, status, (status = 'abierto' AND due_date < ${today}::date) AS overdue, closed_late,
                  business_days, sum(tickets)::bigint AS tickets
             FROM board_tickets WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3, 4, 5 HAVING sum(tickets) <> 0`;
  }
  const { rows } = await db.query<TicketCell>(sql, p.values);
  const newFold = (): TicketFold => ({
    opened: 0,
    closed: 0,
    open: 0,
    overdue: 0,
    closedLate: 0,
    histogram: new Map(),
  });
  const total = newFold();
  const byType = new Map<number, TicketFold>();
  for (const row of rows) {
    const type = byType.get(row.typology_id) ?? newFold();
    for (const fold of [total, type]) {
      fold.opened += row.tickets;
      if (row.status === 'abierto') {
        fold.open += row.tickets;
        if (row.overdue) fold.overdue += row.tickets;
      } else {
        fold.closed += row.tickets;
        if (row.closed_late) fold.closedLate += row.tickets;
        if (row.business_days >= 0)
          fold.histogram.set(row.business_days, (fold.histogram.get(row.business_days) ?? 0) + row.tickets);
      }
    }
    byType.set(row.typology_id, type);
  }
  const typologies = await db.query<{ id: number; asunto: string; item: string; subitem: string }>(
    'SELECT id, asunto, item, subitem FROM ticket_typologies WHERE id = ANY($1::int[])',
    [[...byType.keys()]],
  );
  const names = new Map(typologies.rows.map((row) => [row.id, row]));
  return {
    ...envelope(q, 'tickets', asOf),
    totals: ticketFigures(total),
    byType: [...byType.entries()]
      .map(([id, fold]) => ({
        typologyId: id,
        asunto: names.get(id)?.asunto ?? '',
        item: names.get(id)?.item ?? '',
        subitem: names.get(id)?.subitem ?? '',
        ...ticketFigures(fold),
      }))
      .sort((a, b) => b.opened - a.opened || a.typologyId - b.typologyId),
  };
}

// --- Agents and teams ----------------------------------------------------------------------------

interface WorkRow {
  agent_id: number;
  team_id: number;
  calls: number;
  missed: number;
  answered: number;
  handled_seconds: number;
  forms: number;
  forms_rejected: number;
  forms_refused: number;
}

type Work = Omit<WorkRow, 'agent_id' | 'team_id'>;
const noWork = (): Work => ({
  calls: 0,
  missed: 0,
  answered: 0,
  handled_seconds: 0,
  forms: 0,
  forms_rejected: 0,
  forms_refused: 0,
});

const WORK_KEYS = Object.keys(noWork()) as Array<keyof Work>;

function addWork(into: Work, row: Work): void {
  for (const key of WORK_KEYS) into[key] += row[key];
}

function workFigures(work: Work) {
  const attempts = work.forms + work.forms_refused;
  return {
    calls: work.calls,
    missed: work.missed,
    answered: work.answered,
    handledSeconds: work.handled_seconds,
    avgHandledSeconds: work.answered > 0 ? Math.round(work.handled_seconds / work.answered) : null,
    forms: work.forms,
    formsRejected: work.forms_rejected,
    formsRefused: work.forms_refused,
    rejectionRate: attempts > 0 ? (work.forms_rejected + work.forms_refused) / attempts : null,
  };
}

export async function agentsWidget(db: Queryable, q: BoardQuery, asOf: Date): Promise<AgentsWidget> {
  const p = new Params();
  const where = [rangeRows(p, q)];
  if (q.teamId !== null) where.push(`team_id = ${p.add(q.teamId)}`);
  if (q.agentId !== null) where.push(`agent_id = ${p.add(q.agentId)}`);
  const { rows } = await db.query<WorkRow>(
    `SELECT agent_id, team_id, sum(calls)::bigint AS calls, sum(missed)::bigint AS missed,
            sum(answered)::bigint AS answered, sum(handled_seconds)::bigint AS handled_seconds,
            sum(forms)::bigint AS forms, sum(forms_rejected)::bigint AS forms_rejected,
            sum(forms_refused)::bigint AS forms_refused
       FROM board_agent_day WHERE ${where.join(' AND ')} GROUP BY agent_id, team_id`,
    p.values,
  );
  const agents = new Map<number, Work>();
  const teams = new Map<number, Work & { members: Set<number> }>();
  for (const row of rows) {
    const agent = agents.get(row.agent_id) ?? noWork();
    addWork(agent, row);
    agents.set(row.agent_id, agent);
    const team = teams.get(row.team_id) ?? { ...noWork(), members: new Set<number>() };
    addWork(team, row);
    team.members.add(row.agent_id);
    teams.set(row.team_id, team);
  }
  const names = await userNames(db, [...agents.keys(), ...teams.keys()]);
  return {
    ...envelope(q, 'agents', asOf),
    agents: [...agents.entries()]
      .map(([id, work]) => ({
        agent: names.get(id)?.username ?? `#${id}`,
        name: names.get(id)?.name ?? '',
        team: names.get(id)?.team ?? null,
        ...workFigures(work),
      }))
      .sort((a, b) => b.calls - a.calls || a.agent.localeCompare(b.agent)),
    teams: [...teams.entries()]
      .map(([id, { members, ...work }]) => ({
        team: id === 0 ? null : (names.get(id)?.username ?? `#${id}`),
        name: id === 0 ? 'Sin equipo' : `Equipo de ${names.get(id)?.name ?? `#${id}`}`,
        agents: members.size,
        ...workFigures(work),
      }))
      .sort((a, b) => b.calls - a.calls || (a.team ?? '').localeCompare(b.team ?? '')),
  };
}

/** Usernames, display names and current team (the supervisor's username) of some users. */
export async function userNames(
  db: Queryable,
  ids: number[],
): Promise<Map<number, { username: string; name: string; team: string | null }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{
    id: number;
    username: string;
    display_name: string;
    team: string | null;
  }>(
    `SELECT u.id, u.username, u.display_name, s.username AS team
       FROM users u LEFT JOIN users s ON s.id = u.supervisor_id WHERE u.id = ANY($1::bigint[])`,
    [[...new Set(ids)]],
  );
  return new Map(
    rows.map((row) => [row.id, { username: row.username, name: row.display_name, team: row.team }]),
  );
}
