import { useMemo } from 'react';
import { FORM_STATUS_LABEL, type FormStatus } from '../../../shared/forms/status';
import type { WidgetData } from './boardApi';
import { BarChart } from './BarChart';
import type { BoardColumn, DrillRequest } from './columns';
import { DataTable } from './DataTable';
import { formatDay, formatDecimal, formatDuration, formatInt, formatPercent } from './format';
import { Kpis, period, type PanelProps } from './panelParts';

const COLORS = { blocked: '#0b5cad', missed: '#b3261e', calls: '#5b6675', forms: '#1f7a3f' };

// --- Calls ---------------------------------------------------------------------------------------

type DayRow = WidgetData['calls']['perDay'][number];
type BlockRow = WidgetData['calls']['perBlock'][number];

export function CallsPanel({ data, onDrill, mask }: PanelProps<'calls'>) {
  const when = period(data);
  const dayColumns = useMemo<BoardColumn<DayRow>[]>(
    () => [
      { id: 'day', header: 'Día', value: (r) => r.day, display: (r) => formatDay(r.day) },
      {
        id: 'blocked',
        header: 'Con cliente bloqueado',
        value: (r) => r.blockedCalls,
        numeric: true,
        drill: (r) => ({
          source: 'calls',
          cell: { day: r.day, measure: 'blocked' },
          title: `Llamadas con cliente bloqueado del ${formatDay(r.day)}`,
        }),
      },
      {
        id: 'calls',
        header: 'Llamadas',
        value: (r) => r.calls,
        numeric: true,
        drill: (r) => ({ source: 'calls', cell: { day: r.day }, title: `Llamadas del ${formatDay(r.day)}` }),
      },
      {
        id: 'missed',
        header: 'Perdidas',
        value: (r) => r.missed,
        numeric: true,
        drill: (r) => ({
          source: 'calls',
          cell: { day: r.day, measure: 'missed' },
          title: `Llamadas perdidas del ${formatDay(r.day)}`,
        }),
      },
    ],
    [],
  );
  const blockColumns = useMemo<BoardColumn<BlockRow>[]>(
    () => [
      { id: 'block', header: 'Bloqueo', value: (r) => r.block },
      {
        id: 'calls',
        header: 'Llamadas',
        value: (r) => r.calls,
        numeric: true,
        drill: (r) => ({
          source: 'calls',
          cell: { cellBlock: r.block },
          title: `Llamadas de clientes con bloqueo ${r.block} ${when}`,
        }),
      },
      {
        id: 'missed',
        header: 'Perdidas',
        value: (r) => r.missed,
        numeric: true,
        drill: (r) => ({
          source: 'calls',
          cell: { cellBlock: r.block, measure: 'missed' },
          title: `Llamadas perdidas con bloqueo ${r.block} ${when}`,
        }),
      },
    ],
    [when],
  );
  const daySeries = useMemo(
    () => ({
      labels: data.perDay.map((r) => formatDay(r.day)),
      series: [
        {
          label: 'Con cliente bloqueado',
          values: data.perDay.map((r) => r.blockedCalls),
          color: COLORS.blocked,
        },
      ],
    }),
    [data.perDay],
  );
  const blockSeries = useMemo(
    () => ({
      labels: data.perBlock.map((r) => r.block),
      series: [{ label: 'Llamadas', values: data.perBlock.map((r) => r.calls), color: COLORS.blocked }],
    }),
    [data.perBlock],
  );
  return (
    <div className="board-panel">
      <Kpis
        items={[
          {
            label: 'Llamadas',
            value: formatInt(data.totals.calls),
            drill: () => onDrill({ source: 'calls', cell: {}, title: `Llamadas ${when}` }),
          },
          {
            label: 'Con cliente bloqueado',
            value: formatInt(data.totals.blockedCalls),
            drill: () =>
              onDrill({
                source: 'calls',
                cell: { measure: 'blocked' },
                title: `Llamadas con cliente bloqueado ${when}`,
              }),
          },
          {
            label: 'Perdidas',
            value: formatInt(data.totals.missed),
            drill: () =>
              onDrill({ source: 'calls', cell: { measure: 'missed' }, title: `Llamadas perdidas ${when}` }),
          },
        ]}
      />
      <div className="board-grid">
        <section aria-labelledby="calls-day-title">
          <h3 id="calls-day-title">Llamadas con cliente bloqueado por día</h3>
          <BarChart title={`Llamadas con cliente bloqueado por día, ${when}`} {...daySeries} />
          <DataTable
            caption="Llamadas por día"
            exportName="llamadas-por-dia"
            rows={data.perDay}
            columns={dayColumns}
            onDrill={onDrill}
            mask={mask}
          />
        </section>
        <section aria-labelledby="calls-block-title">
          <h3 id="calls-block-title">Por bloqueo</h3>
          <BarChart title={`Llamadas por bloqueo, ${when}`} {...blockSeries} />
          <DataTable
            caption="Llamadas por bloqueo"
            exportName="llamadas-por-bloqueo"
            rows={data.perBlock}
            columns={blockColumns}
            onDrill={onDrill}
            mask={mask}
          />
        </section>
      </div>
    </div>
  );
}

// --- Forms ---------------------------------------------------------------------------------------

type TypeRow = WidgetData['forms']['byType'][number];
type FormAgentRow = WidgetData['forms']['perAgent'][number];
const STATUSES: FormStatus[] = ['recibido', 'resuelto', 'rechazado'];
const SHORT_STATUS: Record<FormStatus, string> = {
  recibido: 'Sin resolver',
  resuelto: 'Resueltos',
  rechazado: 'Rechazados',
};

export function FormsPanel({ data, onDrill, mask }: PanelProps<'forms'>) {
  const when = period(data);
  const typeColumns = useMemo<BoardColumn<TypeRow>[]>(
    () => [
      { id: 'title', header: 'Formulario', value: (r) => r.title },
      {
        id: 'forms',
        header: 'Total',
        value: (r) => r.forms,
        numeric: true,
        drill: (r) => ({
          source: 'forms',
          cell: { cellFormType: r.formType as never },
          title: `${r.title} ${when}`,
        }),
      },
      ...STATUSES.map<BoardColumn<TypeRow>>((status) => ({
        id: status,
        header: SHORT_STATUS[status],
        value: (r) => r[status],
        numeric: true,
        drill: (r) => ({
          source: 'forms',
          cell: { cellFormType: r.formType as never, status },
          title: `${r.title}: ${FORM_STATUS_LABEL[status]} ${when}`,
        }),
      })),
      {
        id: 'time',
        header: 'Tiempo medio de resolución',
        value: (r) => r.avgResolutionSeconds,
        display: (r) => formatDuration(r.avgResolutionSeconds),
        numeric: true,
      },
    ],
    [when],
  );
  const agentColumns = useMemo<BoardColumn<FormAgentRow>[]>(
    () => [
      { id: 'name', header: 'Agente', value: (r) => r.name || r.agent },
      {
        id: 'forms',
        header: 'Total',
        value: (r) => r.forms,
        numeric: true,
        drill: (r) => ({
          source: 'forms',
          cell: { cellAgent: r.agent },
          title: `Formularios de ${r.name || r.agent} ${when}`,
        }),
      },
      ...STATUSES.map<BoardColumn<FormAgentRow>>((status) => ({
        id: status,
        header: SHORT_STATUS[status],
        value: (r) => r[status],
        numeric: true,
        drill: (r) => ({
          source: 'forms',
          cell: { cellAgent: r.agent, status },
          title: `Formularios de ${r.name || r.agent}: ${FORM_STATUS_LABEL[status]} ${when}`,
        }),
      })),
    ],
    [when],
  );
  const statusChart = useMemo(
    () => ({
      labels: data.byStatus.map((r) =>
        FORM_STATUS_LABEL[r.status].replace(' (sin resolver)', '').replace(' por el back office', ''),
      ),
      series: [{ label: 'Formularios', values: data.byStatus.map((r) => r.forms), color: COLORS.forms }],
    }),
    [data.byStatus],
  );
  return (
    <div className="board-panel">
      <Kpis
        items={[
          {
            label: 'Formularios',
            value: formatInt(data.totals.forms),
            drill: () => onDrill({ source: 'forms', cell: {}, title: `Formularios ${when}` }),
          },
          ...STATUSES.map((status) => ({
            label: FORM_STATUS_LABEL[status],
            value: formatInt(data.totals[status]),
            drill: () =>
              onDrill({
                source: 'forms',
                cell: { status },
                title: `Formularios: ${FORM_STATUS_LABEL[status]} ${when}`,
              }),
          })),
        ]}
      />
      <div className="board-grid">
        <section aria-labelledby="forms-type-title">
          <h3 id="forms-type-title">Por estado y tipo</h3>
          <BarChart title={`Formularios por estado, ${when}`} height={160} {...statusChart} />
          <DataTable
            caption="Formularios por tipo"
            exportName="formularios-por-tipo"
            rows={data.byType}
            columns={typeColumns}
            onDrill={onDrill}
            mask={mask}
          />
        </section>
        <section aria-labelledby="forms-agent-title">
          <h3 id="forms-agent-title">Por agente</h3>
          <DataTable
            caption="Formularios por agente"
            exportName="formularios-por-agente"
            rows={data.perAgent}
            columns={agentColumns}
            onDrill={onDrill}
            mask={mask}
          />
        </section>
      </div>
    </div>
  );
}

// --- Tickets -------------------------------------------------------------------------------------

type TicketTypeRow = WidgetData['tickets']['byType'][number];

export function TicketsPanel({ data, onDrill, mask }: PanelProps<'tickets'>) {
  const when = period(data);
  const columns = useMemo<BoardColumn<TicketTypeRow>[]>(() => {
    const count = (
      id: 'opened' | 'closed' | 'open' | 'overdue' | 'closedLate',
      header: string,
      label: string,
    ): BoardColumn<TicketTypeRow> => ({
      id,
      header,
      value: (r) => r[id],
      numeric: true,
      drill: (r) => ({
        source: 'tickets',
        cell: { typologyId: r.typologyId, ...(id === 'opened' ? {} : { measure: id }) },
        title: `Tickets ${label}: ${r.item} / ${r.subitem} ${when}`,
      }),
    });
    return [
      { id: 'type', header: 'Tipificación', value: (r) => `${r.asunto} / ${r.item} / ${r.subitem}` },
      count('opened', 'Abiertos en el período', 'del período'),
      count('closed', 'Cerrados', 'cerrados'),
      count('open', 'Sin cerrar', 'sin cerrar'),
      count('overdue', 'Vencidos', 'vencidos'),
      count('closedLate', 'Cerrados fuera de plazo', 'cerrados fuera de plazo'),
      {
        id: 'avg',
        header: 'Días hábiles (promedio)',
        value: (r) => r.avgBusinessDays,
        display: (r) => formatDecimal(r.avgBusinessDays),
        numeric: true,
      },
      {
        id: 'median',
        header: 'Días hábiles (mediana)',
        value: (r) => r.medianBusinessDays,
        display: (r) => formatDecimal(r.medianBusinessDays),
        numeric: true,
      },
    ];
  }, [when]);
  return (
    <div className="board-panel">
      <Kpis
        items={[
          {
            label: 'Tickets del período',
            value: formatInt(data.totals.opened),
            drill: () => onDrill({ source: 'tickets', cell: {}, title: `Tickets ${when}` }),
          },
          {
            label: 'Vencidos sin cerrar',
            value: formatInt(data.totals.overdue),
            drill: () =>
              onDrill({ source: 'tickets', cell: { measure: 'overdue' }, title: `Tickets vencidos ${when}` }),
          },
          {
            label: 'Cerrados fuera de plazo',
            value: formatInt(data.totals.closedLate),
            drill: () =>
              onDrill({
                source: 'tickets',
                cell: { measure: 'closedLate' },
                title: `Tickets cerrados fuera de plazo ${when}`,
              }),
          },
          {
            label: 'Resolución (mediana, días hábiles)',
            value: formatDecimal(data.totals.medianBusinessDays),
          },
        ]}
      />
      <DataTable
        caption="Tickets por tipificación"
        exportName="tickets-por-tipo"
        rows={data.byType}
        columns={columns}
        onDrill={onDrill}
        mask={mask}
      />
    </div>
  );
}

// --- Agents and teams ----------------------------------------------------------------------------

type AgentRow = WidgetData['agents']['agents'][number];
type TeamRow = WidgetData['agents']['teams'][number];

function workColumns<Row extends AgentRow | TeamRow>(
  who: (row: Row) => { cellAgent?: string; cellTeam?: string; name: string },
  when: string,
): BoardColumn<Row>[] {
  const drill = (
    row: Row,
    source: 'calls' | 'forms' | 'refusals',
    measure: 'missed' | 'answered' | 'rejected' | undefined,
    what: string,
  ) => {
    const { name, ...cell } = who(row);
    return {
      source,
      cell: { ...cell, ...(measure ? { measure } : {}) },
      title: `${what} de ${name} ${when}`,
    } satisfies DrillRequest;
  };
  return [
    {
      id: 'calls',
      header: 'Llamadas',
      value: (r) => r.calls,
      numeric: true,
      drill: (r) => drill(r, 'calls', undefined, 'Llamadas'),
    },
    {
      id: 'missed',
      header: 'Perdidas',
      value: (r) => r.missed,
      numeric: true,
      drill: (r) => drill(r, 'calls', 'missed', 'Llamadas perdidas'),
    },
    {
      id: 'handled',
      header: 'Tiempo en llamada',
      value: (r) => r.handledSeconds,
      display: (r) => formatDuration(r.handledSeconds),
      numeric: true,
      drill: (r) => drill(r, 'calls', 'answered', 'Llamadas contestadas'),
    },
    {
      id: 'avgHandled',
      header: 'Promedio por llamada',
      value: (r) => r.avgHandledSeconds,
      display: (r) => formatDuration(r.avgHandledSeconds),
      numeric: true,
    },
    {
      id: 'forms',
      header: 'Formularios',
      value: (r) => r.forms,
      numeric: true,
      drill: (r) => drill(r, 'forms', undefined, 'Formularios'),
    },
    {
      id: 'rejected',
      header: 'Rechazados (back office)',
      value: (r) => r.formsRejected,
      numeric: true,
      drill: (r) => drill(r, 'forms', 'rejected', 'Formularios rechazados'),
    },
    {
      id: 'refused',
      header: 'Rechazados (central)',
      value: (r) => r.formsRefused,
      numeric: true,
      drill: (r) => drill(r, 'refusals', undefined, 'Formularios rechazados por la central'),
    },
    {
      id: 'rate',
      header: 'Tasa de rechazo',
      value: (r) => r.rejectionRate,
      display: (r) => formatPercent(r.rejectionRate),
      numeric: true,
    },
  ];
}

export function AgentsPanel({ data, onDrill, mask }: PanelProps<'agents'>) {
  const when = period(data);
  const teamColumns = useMemo<BoardColumn<TeamRow>[]>(
    () => [
      { id: 'team', header: 'Equipo', value: (r) => r.name },
      { id: 'agents', header: 'Agentes', value: (r) => r.agents, numeric: true },
      ...workColumns<TeamRow>((r) => ({ cellTeam: r.team ?? '-', name: r.name.toLowerCase() }), when),
    ],
    [when],
  );
  const agentColumns = useMemo<BoardColumn<AgentRow>[]>(
    () => [
      { id: 'agent', header: 'Agente', value: (r) => r.name || r.agent },
      { id: 'team', header: 'Equipo', value: (r) => r.team },
      ...workColumns<AgentRow>((r) => ({ cellAgent: r.agent, name: r.name || r.agent }), when),
    ],
    [when],
  );
  return (
    <div className="board-panel">
      <section aria-labelledby="teams-title">
        <h3 id="teams-title">Por equipo</h3>
        <DataTable
          caption="Cifras por equipo"
          exportName="cifras-por-equipo"
          rows={data.teams}
          columns={teamColumns}
          onDrill={onDrill}
          mask={mask}
        />
      </section>
      <section aria-labelledby="agents-title">
        <h3 id="agents-title">Por agente</h3>
        <DataTable
          caption="Cifras por agente"
          exportName="cifras-por-agente"
          rows={data.agents}
          columns={agentColumns}
          onDrill={onDrill}
          mask={mask}
        />
      </section>
    </div>
  );
}
