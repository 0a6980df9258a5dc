/**
 * The board's case widgets: cases by procedure and step with their overdue counts (the `cases`
 * table, grouped first), and seed 003's indicator per month (the `case_facts` view, migration 005). Cases are a few hundred
 * thousand rows a year behind `opened_at` / `closed_at` indexes, so no roll-up. The same predicates
 * as the drill-down (`drill.ts`, sources `cases` and `indicator`): every number equals its rows.
 */
import type { CasesWidget, IndicatorWidget } from '../../../shared/api/board';
import { addDays } from '../../../shared/calendar';
import { anulacionIndicator, INDICATOR_THRESHOLD_PERCENT, procedureById } from '../../../shared/procedures';
import type { Queryable } from '../db/types';
import type { BoardQuery } from './scope';
import { Params, instantRange } from './sql';
import { envelope } from './widgets';

/**
 * Cases opened by a member of a team (board_team_of's rule: an agent's supervisor, a supervisor's
 * own team; 0 = no team, also cases nobody opened), as a semi-join on users: one hash of a few
 * hundred users, not a function call per case.
 */
export function caseTeam(p: Params, openedBy: string, teamId: number): string {
  if (teamId === 0)
    return `(${openedBy} IS NULL OR ${openedBy} IN (SELECT id FROM users WHERE role <> 'supervisor' AND supervisor_id IS NULL))`;
  const team = p.add(teamId);
  return `${openedBy} IN (SELECT id FROM users WHERE (role = 'supervisor' AND id = ${team}) OR (role <> 'supervisor' AND supervisor_id = ${team}))`;
}

/** Who a case counts for: the team and the user that opened it (the agent, for a ZB form). */
export function caseOwner(p: Params, q: BoardQuery, openedBy: string): string[] {
  const parts: string[] = [];
  if (q.teamId !== null) parts.push(caseTeam(p, openedBy, q.teamId));
  if (q.agentId !== null) parts.push(`${openedBy} = ${p.add(q.agentId)}`);
  return parts;
}

/** The calendar months of [from, to], each clipped to the range. */
export function monthsOf(from: string, to: string): Array<{ month: string; from: string; to: string }> {
  const months: Array<{ month: string; from: string; to: string }> = [];
  let start = from;
  while (start <= to) {
    const nextMonth = `${addDays(`${start.slice(0, 8)}01`, 32).slice(0, 8)}01`;
    const end = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    months.push({ month: start.slice(0, 7), from: start, to: end });
    start = nextMonth;
  }
  return months;
}

const procedureTitle = (id: string) => procedureById(id)?.title ?? id;
/** A step's place in its procedure's definition (the order the table shows). */
const stepOrder = (procedure: string, step: string) =>
  Object.keys(procedureById(procedure)?.steps ?? {}).indexOf(step);

type Counts = { opened: number; open: number; overdue: number; closed: number };
const noCases = (): Counts => ({ opened: 0, open: 0, overdue: 0, closed: 0 });

export async function casesWidget(db: Queryable, q: BoardQuery, asOf: Date): Promise<CasesWidget> {
  const p = new Params();
  const where = [instantRange(p, q.filters.from, q.filters.to, 'opened_at'), ...caseOwner(p, q, 'opened_by')];
  if (q.filters.procedure) where.push(`procedure = ${p.add(q.filters.procedure)}`);
  // The raw table, grouped before anything is joined: titles come from the definitions afterwards
  // (the same ones the server writes into procedure_steps / procedure_end_states for case_facts).
  const { rows: groups } = await db.query<{
    procedure: string;
    open: boolean;
    step: string | null;
    end_state: string | null;
    cases: number;
    overdue: number;
  }>(
    `SELECT procedure, closed_at IS NULL AS open, step, end_state, count(*)::int AS cases,
            count(*) FILTER (WHERE closed_at IS NULL AND due_at < ${p.add(q.now.toISOString())}::timestamptz)::int AS overdue
       FROM cases WHERE ${where.join(' AND ')}
      GROUP BY 1, 2, 3, 4`,
    p.values,
  );
  const rows = groups.map((row) => {
    const definition = procedureById(row.procedure);
    return {
      ...row,
      state: row.open ? ('abierto' as const) : ('cerrado' as const),
      step_title: row.step ? (definition?.steps[row.step]?.title ?? null) : null,
      end_label: row.end_state ? (definition?.endStates[row.end_state]?.label ?? null) : null,
    };
  });
  const totals = noCases();
  const byProcedure = new Map<string, Counts>();
  const byStep: CasesWidget['byStep'] = [];
  const byEndState: CasesWidget['byEndState'] = [];
  for (const row of rows) {
    const procedure = byProcedure.get(row.procedure) ?? noCases();
    for (const counts of [totals, procedure]) {
      counts.opened += row.cases;
      if (row.state === 'abierto') {
        counts.open += row.cases;
        counts.overdue += row.overdue;
      } else {
        counts.closed += row.cases;
      }
    }
    byProcedure.set(row.procedure, procedure);
    if (row.state === 'abierto' && row.step) {
      byStep.push({
        procedure: row.procedure,
        procedureTitle: procedureTitle(row.procedure),
        step: row.step,
        stepTitle: row.step_title ?? row.step,
        open: row.cases,
        overdue: row.overdue,
      });
    } else if (row.end_state) {
      byEndState.push({
        procedure: row.procedure,
        procedureTitle: procedureTitle(row.procedure),
        endState: row.end_state,
        label: row.end_label ?? row.end_state,
        closed: row.cases,
      });
    }
  }
  const byName = (a: { procedure: string }, b: { procedure: string }) =>
    a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0;
  return {
    ...envelope(q, 'cases', asOf),
    totals,
    byProcedure: [...byProcedure.entries()]
      .map(([procedure, counts]) => ({ procedure, title: procedureTitle(procedure), ...counts }))
      .sort(byName),
    byStep: byStep.sort(
      (a, b) => byName(a, b) || stepOrder(a.procedure, a.step) - stepOrder(b.procedure, b.step),
    ),
    byEndState: byEndState.sort((a, b) => byName(a, b) || b.closed - a.closed),
  };
}

/**
 * Seed 003's indicator: anulación cases that ended in the range, per calendar month and in all.
 * A back-office procedure: the team and agent filters do not apply (its cases are not an agent's).
 */
export async function indicatorWidget(db: Queryable, q: BoardQuery, asOf: Date): Promise<IndicatorWidget> {
  const months = monthsOf(q.filters.from, q.filters.to);
  const p = new Params();
  // Each case's month by a binary search over the months' first instants (width_bucket), not a
  // time-zone conversion per case; grouped on the raw table behind cases_closed (migration 010,
  // index-only), then labelled by procedure_end_states: the same rows as case_facts' indicator.
  const starts = p.add(months.slice(1).map((month) => month.from));
  const { rows: buckets } = await db.query<{
    bucket: number;
    outcome: 'no_anulada' | 'anulada';
    cases: number;
  }>(
    `SELECT g.bucket, e.indicator AS outcome, sum(g.cases)::int AS cases
       FROM (SELECT width_bucket(closed_at, ARRAY(SELECT board_day_start(d) FROM unnest(${starts}::date[]) d)) AS bucket,
                    procedure, end_state, count(*) AS cases
               FROM cases
              WHERE procedure = 'anulacion' AND closed_at IS NOT NULL
                AND ${instantRange(p, q.filters.from, q.filters.to, 'closed_at')}
              GROUP BY 1, 2, 3) g
       JOIN procedure_end_states e ON e.procedure = g.procedure AND e.end_state = g.end_state
      WHERE e.indicator IS NOT NULL
      GROUP BY 1, 2`,
    p.values,
  );
  const rows = buckets.map((row) => ({ ...row, month: months[row.bucket]!.month }));
  const counted = (month: string | null) => {
    const counts = { noAnuladas: 0, anuladas: 0 };
    for (const row of rows) {
      if (month !== null && row.month !== month) continue;
      if (row.outcome === 'no_anulada') counts.noAnuladas += row.cases;
      else counts.anuladas += row.cases;
    }
    return anulacionIndicator(counts);
  };
  return {
    ...envelope(q, 'indicator', asOf),
    thresholdPercent: INDICATOR_THRESHOLD_PERCENT,
    total: counted(null),
    periods: monthsOf(q.filters.from, q.filters.to).map((period) => ({
      ...period,
      ...counted(period.month),
    })),
  };
}
