import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { BoardFilters, BoardWidgetName } from '../../../shared/api/board';
import { useNow } from '../../components/useNow';
import type { BoardApi } from './boardApi';
import type { BoardService, BoardSnapshot } from './boardService';
import type { DrillRequest } from './columns';
import { DrillDialog } from './DrillDialog';
import { formatAgo, formatInstant } from './format';
import { CasesPanel, IndicatorPanel } from './CasePanels';
import { AgentsPanel, CallsPanel, FormsPanel, TicketsPanel } from './Panels';
import './board.css';

const TABS: Array<{ id: BoardWidgetName; label: string }> = [
  { id: 'calls', label: 'Llamadas y bloqueos' },
  { id: 'forms', label: 'Formularios' },
  { id: 'tickets', label: 'Tickets' },
  { id: 'agents', label: 'Agentes y equipos' },
  { id: 'cases', label: 'Casos' },
  { id: 'indicator', label: 'Indicador de anulaciones' },
];

const FILTER_LABEL: Record<string, string> = {
  block: 'bloqueo',
  formType: 'tipo de formulario',
  ticketType: 'tipo de ticket',
  procedure: 'procedimiento',
  team: 'equipo',
  agent: 'agente',
};

function Freshness({ snapshot, widget }: { snapshot: BoardSnapshot; widget: BoardWidgetName }) {
  const now = useNow(1000);
  const state = snapshot.widgets[widget];
  const live = { live: 'En vivo', connecting: 'Conectando…', offline: 'Sin conexión en vivo' }[snapshot.live];
  return (
    <p className={`board-fresh board-fresh--${state.fromCache ? 'old' : snapshot.live}`} role="status">
      <span className="board-fresh__live">{live}</span>
      {state.receivedAt !== null && (
        <span>
          {' · '}
          {state.fromCache ? 'Cifras guardadas en este equipo, ' : 'Actualizado '}
          {formatAgo(now - state.receivedAt)}
          {state.data && ` (datos al ${formatInstant(state.data.asOf)})`}
        </span>
      )}
      {state.loading && <span> · actualizando…</span>}
      {state.error && <span className="board-fresh__error"> · {state.error}</span>}
    </p>
  );
}

function Filters({
  snapshot,
  onApply,
}: {
  snapshot: BoardSnapshot;
  onApply: (filters: BoardFilters) => void;
}) {
  const options = snapshot.options;
  const [draft, setDraft] = useState<BoardFilters>(snapshot.filters);
  useEffect(() => setDraft(snapshot.filters), [snapshot.filters]);
  const set = (patch: Partial<Record<keyof BoardFilters, string>>) =>
    setDraft((current) => {
      const next: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(patch)) {
        if (value === '' || value === undefined) delete next[key];
        else next[key] = key === 'ticketType' ? Number(value) : value;
      }
      return next as BoardFilters;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const agents = (options?.agents ?? []).filter((a) => !draft.team || a.team === draft.team);
  return (
    <form className="board-filters" onSubmit={submit} aria-label="Filtros del tablero">
      <label>
        Desde
        <input
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set({ from: e.target.value })}
          required
        />
      </label>
      <label>
        Hasta
        <input type="date" value={draft.to ?? ''} onChange={(e) => set({ to: e.target.value })} required />
      </label>
      <label>
        Equipo
        <select
          value={options?.teamLocked ?? draft.team ?? ''}
          disabled={Boolean(options?.teamLocked)}
          onChange={(e) => set({ team: e.target.value, agent: '' })}
        >
          <option value="">Todos</option>
          {options?.teams.map((t) => (
            <option key={t.team} value={t.team}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Agente
        <select value={draft.agent ?? ''} onChange={(e) => set({ agent: e.target.value })}>
          <option value="">Todos</option>
          {agents.map((a) => (
            <option key={a.agent} value={a.agent}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Bloqueo
        <select value={draft.block ?? ''} onChange={(e) => set({ block: e.target.value })}>
          <option value="">Todos</option>
          {options?.blocks.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        Formulario
        <select value={draft.formType ?? ''} onChange={(e) => set({ formType: e.target.value })}>
          <option value="">Todos</option>
          {options?.formTypes.map((f) => (
            <option key={f.formType} value={f.formType}>
              {f.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Ticket
        <select value={draft.ticketType ?? ''} onChange={(e) => set({ ticketType: e.target.value })}>
          <option value="">Todos</option>
          {options?.ticketTypes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Procedimiento
        <select value={draft.procedure ?? ''} onChange={(e) => set({ procedure: e.target.value })}>
          <option value="">Todos</option>
          {options?.procedures.map((p) => (
            <option key={p.procedure} value={p.procedure}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary">
        Aplicar
      </button>
    </form>
  );
}

interface Props {
  service: BoardService;
  api: BoardApi;
}

/** The supervisors' board: filters, freshness, one tab per widget, and the rows behind every number. */
export function BoardScreen({ service, api }: Props) {
  const snapshot = useSyncExternalStore(service.subscribe, service.getSnapshot);
  const [tab, setTab] = useState<BoardWidgetName>('calls');
  const [drill, setDrill] = useState<(DrillRequest & { filters: BoardFilters }) | null>(null);
  const mask = !(snapshot.options?.personalData ?? false);
  const state = snapshot.widgets[tab];
  const data = state.data;

  // A number's rows are filtered only by the filters that shaped it (the widget says which).
  const openDrill = (request: DrillRequest) => {
    const applies = new Set(data?.applies ?? []);
    const filters = Object.fromEntries(
      Object.entries(snapshot.filters).filter(([key]) => applies.has(key)),
    ) as BoardFilters;
    setDrill({ ...request, filters: { ...filters, from: data?.filters.from, to: data?.filters.to } });
  };
  const ignored = data
    ? Object.keys(FILTER_LABEL).filter(
        (key) => snapshot.filters[key as keyof BoardFilters] !== undefined && !data.applies.includes(key),
      )
    : [];

  return (
    <div className="board">
      <header className="board__head">
        <h2>Tablero de supervisión</h2>
        <Freshness snapshot={snapshot} widget={tab} />
      </header>
      {snapshot.optionsError && !snapshot.options && (
        <p role="alert" className="error">
          {snapshot.optionsError}
        </p>
      )}
      <Filters snapshot={snapshot} onApply={(filters) => void service.setFilters(filters)} />
      <nav className="board-tabs" aria-label="Secciones del tablero">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            aria-current={tab === t.id ? 'page' : undefined}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {ignored.length > 0 && (
        <p className="muted board-note">
          El filtro de {ignored.map((key) => FILTER_LABEL[key]).join(' y ')} no aplica a esta sección.
        </p>
      )}
      <section
        className="board__body"
        aria-busy={state.loading}
        aria-label={TABS.find((t) => t.id === tab)?.label}
      >
        {!data ? (
          <p className="muted">
            {state.loading ? 'Cargando cifras…' : (state.error ?? 'Sin cifras todavía.')}
          </p>
        ) : tab === 'calls' ? (
          <CallsPanel data={snapshot.widgets.calls.data!} onDrill={openDrill} mask={mask} />
        ) : tab === 'forms' ? (
          <FormsPanel data={snapshot.widgets.forms.data!} onDrill={openDrill} mask={mask} />
        ) : tab === 'tickets' ? (
          <TicketsPanel data={snapshot.widgets.tickets.data!} onDrill={openDrill} mask={mask} />
        ) : tab === 'agents' ? (
          <AgentsPanel data={snapshot.widgets.agents.data!} onDrill={openDrill} mask={mask} />
        ) : tab === 'cases' ? (
          <CasesPanel data={snapshot.widgets.cases.data!} onDrill={openDrill} mask={mask} />
        ) : (
          <IndicatorPanel data={snapshot.widgets.indicator.data!} onDrill={openDrill} mask={mask} />
        )}
      </section>
      {drill && (
        <DrillDialog
          key={JSON.stringify(drill)}
          request={drill}
          filters={drill.filters}
          api={api}
          mask={mask}
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}
