import { useMemo } from 'react';
import { INDICATOR_LABELS } from '../../../shared/procedures/indicator';
import type { WidgetData } from './boardApi';
import type { BoardColumn, DrillRequest } from './columns';
import { DataTable } from './DataTable';
import { formatDay, formatInt } from './format';
import { Kpis, period, type PanelProps } from './panelParts';

// --- Cases by procedure and step -----------------------------------------------------------------

type ProcedureRow = WidgetData['cases']['byProcedure'][number];
type StepRow = WidgetData['cases']['byStep'][number];
type EndRow = WidgetData['cases']['byEndState'][number];

export function CasesPanel({ data, onDrill, mask }: PanelProps<'cases'>) {
  const when = period(data);
  const procedureColumns = useMemo<BoardColumn<ProcedureRow>[]>(() => {
    const drill =
      (measure: 'open' | 'overdue' | 'closed' | undefined, what: string) =>
      (r: ProcedureRow): DrillRequest => ({
        source: 'cases',
        cell: { cellProcedure: r.procedure, ...(measure ? { measure } : {}) },
        title: `${what}: ${r.title} (abiertos ${when})`,
      });
    return [
      { id: 'title', header: 'Procedimiento', value: (r) => r.title },
      {
        id: 'opened',
        header: 'Abiertos en el período',
        value: (r) => r.opened,
        numeric: true,
        drill: drill(undefined, 'Casos'),
      },
      {
        id: 'open',
        header: 'Sin cerrar',
        value: (r) => r.open,
        numeric: true,
        drill: drill('open', 'Casos sin cerrar'),
      },
      {
        id: 'overdue',
        header: 'Vencidos',
        value: (r) => r.overdue,
        numeric: true,
        drill: drill('overdue', 'Casos vencidos'),
      },
      {
        id: 'closed',
        header: 'Cerrados',
        value: (r) => r.closed,
        numeric: true,
        drill: drill('closed', 'Casos cerrados'),
      },
    ];
  }, [when]);
  const stepColumns = useMemo<BoardColumn<StepRow>[]>(() => {
    const drill =
      (measure: 'open' | 'overdue', what: string) =>
      (r: StepRow): DrillRequest => ({
        source: 'cases',
        cell: { cellProcedure: r.procedure, step: r.step, measure },
        title: `${what} en «${r.stepTitle}» (abiertos ${when})`,
      });
    return [
      { id: 'procedure', header: 'Procedimiento', value: (r) => r.procedureTitle },
      { id: 'step', header: 'Paso', value: (r) => r.stepTitle },
      {
        id: 'open',
        header: 'Casos esperando',
        value: (r) => r.open,
        numeric: true,
        drill: drill('open', 'Casos'),
      },
      {
        id: 'overdue',
        header: 'Vencidos',
        value: (r) => r.overdue,
        numeric: true,
        drill: drill('overdue', 'Casos vencidos'),
      },
    ];
  }, [when]);
  const endColumns = useMemo<BoardColumn<EndRow>[]>(
    () => [
      { id: 'procedure', header: 'Procedimiento', value: (r) => r.procedureTitle },
      { id: 'end', header: 'Cierre', value: (r) => r.label },
      {
        id: 'closed',
        header: 'Casos',
        value: (r) => r.closed,
        numeric: true,
        drill: (r) => ({
          source: 'cases',
          cell: { cellProcedure: r.procedure, endState: r.endState, measure: 'closed' },
          title: `Casos cerrados como «${r.label}» (abiertos ${when})`,
        }),
      },
    ],
    [when],
  );
  const total = (measure: 'open' | 'overdue' | 'closed' | undefined, what: string) => () =>
    onDrill({ source: 'cases', cell: measure ? { measure } : {}, title: `${what} (abiertos ${when})` });
  return (
    <div className="board-panel">
      <Kpis
        items={[
          {
            label: 'Casos abiertos en el período',
            value: formatInt(data.totals.opened),
            drill: total(undefined, 'Casos'),
          },
          {
            label: 'Sin cerrar',
            value: formatInt(data.totals.open),
            drill: total('open', 'Casos sin cerrar'),
          },
          {
            label: 'Vencidos',
            value: formatInt(data.totals.overdue),
            drill: total('overdue', 'Casos vencidos'),
          },
          {
            label: 'Cerrados',
            value: formatInt(data.totals.closed),
            drill: total('closed', 'Casos cerrados'),
          },
        ]}
      />
      <DataTable
        caption="Casos por procedimiento"
        exportName="casos-por-procedimiento"
        rows={data.byProcedure}
        columns={procedureColumns}
        onDrill={onDrill}
        mask={mask}
        empty="Sin casos abiertos en el período."
      />
      <div className="board-grid">
        <section aria-labelledby="cases-step-title">
          <h3 id="cases-step-title">Casos sin cerrar por paso</h3>
          <DataTable
            caption="Casos sin cerrar por paso"
            exportName="casos-por-paso"
            rows={data.byStep}
            columns={stepColumns}
            onDrill={onDrill}
            mask={mask}
            empty="Ningún caso espera en un paso."
          />
        </section>
        <section aria-labelledby="cases-end-title">
          <h3 id="cases-end-title">Casos cerrados por cierre</h3>
          <DataTable
            caption="Casos cerrados por cierre"
            exportName="casos-por-cierre"
            rows={data.byEndState}
            columns={endColumns}
            onDrill={onDrill}
            mask={mask}
            empty="Ningún caso cerrado."
          />
        </section>
      </div>
    </div>
  );
}

// --- Seed 003's indicator ------------------------------------------------------------------------

type IndicatorPeriod = WidgetData['indicator']['periods'][number];
type Verdict = IndicatorPeriod['verdict'];

/** The verdict in words and colour (the words alone carry it: colour is never the only signal). */
function Verdict({ verdict, percent }: { verdict: Verdict; percent: number | null }) {
  return (
    <span className={`board-verdict board-verdict--${verdict}`}>
      <span className="board-verdict__percent">
        {percent === null ? '—' : `${formatPercentValue(percent)} %`}
      </span>{' '}
      <span className="board-verdict__label">{INDICATOR_LABELS[verdict]}</span>
    </span>
  );
}

const decimal = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });
const formatPercentValue = (percent: number) => decimal.format(percent);

const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];
/** "feb 2026", or "feb 2026 (01-02 al 10-02)" when the range cuts the month. */
function monthLabel(p: IndicatorPeriod): string {
  const name = `${MONTHS[Number(p.month.slice(5, 7)) - 1]} ${p.month.slice(0, 4)}`;
  const whole = p.from.endsWith('-01') && p.to.slice(0, 7) === p.month && p.to === lastDay(p.month);
  return whole ? name : `${name} (${formatDay(p.from)} al ${formatDay(p.to)})`;
}
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function IndicatorPanel({ data, onDrill, mask }: PanelProps<'indicator'>) {
  const when = period(data);
  const columns = useMemo<BoardColumn<IndicatorPeriod>[]>(() => {
    const drill =
      (outcome: 'no_anulada' | 'anulada' | undefined, what: string) =>
      (r: IndicatorPeriod): DrillRequest | null =>
        r.total === 0
          ? null
          : {
              source: 'indicator',
              cell: { month: r.month, ...(outcome ? { outcome } : {}) },
              title: `${what}, cerradas en ${monthLabel(r)}`,
            };
    return [
      { id: 'month', header: 'Mes', value: (r) => monthLabel(r) },
      {
        id: 'total',
        header: 'Órdenes en riesgo',
        value: (r) => r.total,
        numeric: true,
        drill: drill(undefined, 'Órdenes en riesgo de anulación'),
      },
      {
        id: 'noAnuladas',
        header: 'No anuladas',
        value: (r) => r.noAnuladas,
        numeric: true,
        drill: drill('no_anulada', 'Órdenes no anuladas'),
      },
      {
        id: 'anuladas',
        header: 'Anuladas',
        value: (r) => r.anuladas,
        numeric: true,
        drill: drill('anulada', 'Órdenes anuladas'),
      },
      {
        id: 'percent',
        header: 'Indicador',
        value: (r) => r.percent,
        display: (r) => (r.percent === null ? '—' : `${formatPercentValue(r.percent)} %`),
        numeric: true,
      },
      { id: 'verdict', header: 'Resultado', value: (r) => INDICATOR_LABELS[r.verdict] },
    ];
  }, []);
  return (
    <div className="board-panel">
      <p className="muted board-note">
        No anuladas × 100 / órdenes en riesgo de anulación, sobre los casos de «Evitar anulaciones» cerrados{' '}
        {when}. Mayor a {data.thresholdPercent} %: aceptado; menor o igual: observado.
      </p>
      <ol className="board-indicator" aria-label="Indicador por mes">
        {data.periods.map((p) => (
          <li key={p.month} className={`board-indicator__month board-indicator__month--${p.verdict}`}>
            <span className="board-indicator__name">{monthLabel(p)}</span>
            <Verdict verdict={p.verdict} percent={p.percent} />
            {p.total > 0 ? (
              <button
                type="button"
                className="board-num"
                onClick={() =>
                  onDrill({
                    source: 'indicator',
                    cell: { month: p.month },
                    title: `Órdenes en riesgo de anulación, cerradas en ${monthLabel(p)}`,
                  })
                }
              >
                {formatInt(p.noAnuladas)} de {formatInt(p.total)} no anuladas
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="board-indicator__total">
        Todo el período: <Verdict verdict={data.total.verdict} percent={data.total.percent} /> (
        {formatInt(data.total.noAnuladas)} de {formatInt(data.total.total)} no anuladas)
      </p>
      <DataTable
        caption="Indicador de anulaciones por mes"
        exportName="indicador-anulaciones"
        rows={data.periods}
        columns={columns}
        onDrill={onDrill}
        mask={mask}
      />
    </div>
  );
}
