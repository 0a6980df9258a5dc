import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  INDICATOR_LABELS,
  PROCEDURES,
  actsAs,
  isCaseRole,
  type Actor,
  type ProcedureId,
} from '../../../shared/procedures';
import type {
  BackOfficeMe,
  BackOfficeUser,
  CaseDetail as Detail,
  CaseEventBody,
  CaseList,
  IndicatorResponse,
} from '../../../shared/api';
import { CasesApiError, type CasesApi } from './api';
import { CaseDetail } from './CaseDetail';
import { endLabel, procedureOf, shortDateTime, stepTitle } from './format';
import { NewCaseForm } from './NewCaseForm';
import { ZoningExport } from './ZoningExport';
import './cases.css';

interface Filters {
  procedure: '' | ProcedureId;
  status: 'open' | 'closed';
  queue: boolean;
  overdue: boolean;
  mine: boolean;
  search: string;
}

const todayInChile = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(new Date());

function failureText(error: unknown): string {
  return error instanceof CasesApiError
    ? error.message
    : 'No se pudo conectar con la central: intente nuevamente.';
}

/**
 * The back office's cases: the list (most urgent first, the viewer's queue, overdue, closed) with
 * seed 003's indicator, and the selected case with the step form for the viewer's roles.
 */
export function CasesScreen({ api }: { api: CasesApi }) {
  const [me, setMe] = useState<BackOfficeMe | null>(null);
  const [filters, setFilters] = useState<Filters>({
    procedure: '',
    status: 'open',
    queue: false,
    overdue: false,
    mine: false,
    search: '',
  });
  const [list, setList] = useState<CaseList | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [indicator, setIndicator] = useState<IndicatorResponse | null>(null);
  const [users, setUsers] = useState<BackOfficeUser[]>([]);
  const [creating, setCreating] = useState(false);
  const detailHeading = useRef<HTMLDivElement>(null);

  const actor: Actor = useMemo(
    () => ({ accountRole: me?.role ?? '', caseRoles: (me?.caseRoles ?? []).filter(isCaseRole) }),
    [me],
  );

  useEffect(() => {
    let live = true;
    api.me().then(
      (value) => live && setMe(value),
      (error: unknown) => live && setListError(failureText(error)),
    );
    api.users().then(
      (value) => live && setUsers(value),
      () => {},
    );
    api.indicator().then(
      (value) => live && setIndicator(value),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);

  const loadList = useCallback(
    async (cursor?: string) => {
      try {
        const page = await api.list({
          procedure: filters.procedure || undefined,
          status: filters.status,
          queue: filters.queue ? 'true' : undefined,
          overdue: filters.overdue && filters.status === 'open' ? 'true' : undefined,
          mine: filters.mine ? 'true' : undefined,
          search: filters.search.trim() || undefined,
          cursor,
        });
        setList((current) =>
          cursor && current
            ? { ...page, cases: [...current.cases, ...page.cases], counts: current.counts }
            : page,
        );
        setListError(null);
      } catch (error) {
        setListError(failureText(error));
      }
    },
    [api, filters],
  );

  useEffect(() => {
    void loadList();
  }, [loadList]);

  const loadDetail = useCallback(
    async (id: number) => {
      try {
        setDetail(await api.get(id));
        setDetailError(null);
      } catch (error) {
        setDetailError(failureText(error));
      }
    },
    [api],
  );

  const select = (id: number) => {
    setCreating(false);
    setSelected(id);
    setNotice(null);
    void loadDetail(id);
  };

  const act = async (body: CaseEventBody) => {
    if (selected === null) return;
    try {
      const result = await api.act(selected, body);
      setDetail(result.case);
      setNotice(null);
      void loadList();
      if (body.type === 'transition') void api.indicator().then(setIndicator, () => {});
    } catch (error) {
      if (error instanceof CasesApiError && error.conflict && body.type === 'transition') {
        // Someone acted first: show the case as it is now, and say what happened.
        setNotice(error.message);
        await loadDetail(selected);
        void loadList();
      }
      throw error;
    }
  };

  const canOpen = Object.values(PROCEDURES).some((definition) =>
    definition.openings.some((opening) => opening.source === 'manual' && actsAs(actor, opening.roles ?? [])),
  );
  const canExport = actsAs(actor, ['gestion_red']);
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <section className="cases" aria-labelledby="cases-title">
      <header className="cases__bar">
        <h2 id="cases-title">Casos</h2>
        {indicator && <IndicatorChip indicator={indicator} />}
        <div className="cases__tools">
          {canOpen && (
            <button
              type="button"
              onClick={() => {
                setCreating(true);
                setSelected(null);
                setDetail(null);
              }}
            >
              Nuevo caso
            </button>
          )}
          {canExport && <ZoningExport api={api} />}
        </div>
      </header>
      <div className="cases__body">
        <div className="cases__list">
          <form
            className="cases__filters"
            role="search"
            aria-label="Filtrar casos"
            onSubmit={(e) => e.preventDefault()}
          >
            <label>
              Procedimiento
              <select
                value={filters.procedure}
                onChange={(e) => set({ procedure: e.target.value as Filters['procedure'] })}
              >
                <option value="">Todos</option>
                {Object.values(PROCEDURES).map((definition) => (
                  <option key={definition.id} value={definition.id}>
                    {definition.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Estado
              <select
                value={filters.status}
                onChange={(e) => set({ status: e.target.value as Filters['status'] })}
              >
                <option value="open">Abiertos</option>
                <option value="closed">Cerrados</option>
              </select>
            </label>
            <label>
              Cliente o solicitud
              <input
                type="search"
                value={filters.search}
                maxLength={40}
                onChange={(e) => set({ search: e.target.value })}
              />
            </label>
            <fieldset className="cases__toggles">
              <legend className="visually-hidden">Mostrar solo</legend>
              <label>
                <input
                  type="checkbox"
                  checked={filters.queue}
                  onChange={(e) => set({ queue: e.target.checked })}
                />{' '}
                Mi bandeja
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={filters.overdue}
                  disabled={filters.status === 'closed'}
                  onChange={(e) => set({ overdue: e.target.checked })}
                />{' '}
                Vencidos
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={filters.mine}
                  onChange={(e) => set({ mine: e.target.checked })}
                />{' '}
                Asignados a mí
              </label>
            </fieldset>
          </form>
          {list?.counts && (
            <p className="cases__counts" aria-live="polite">
              {list.counts.open} abiertos ·{' '}
              <span className={list.counts.overdue ? 'danger' : ''}>{list.counts.overdue} vencidos</span> ·{' '}
              {list.counts.queue} en su bandeja · {list.counts.mine} asignados a usted
            </p>
          )}
          {listError && (
            <p role="alert" className="error">
              {listError}
            </p>
          )}
          {list && list.cases.length === 0 && <p className="muted">No hay casos con estos filtros.</p>}
          <ul className="cases__items" aria-label="Casos">
            {list?.cases.map((item) => {
              const definition = procedureOf(item.procedure);
              return (
                <li key={item.id}>
                  <button
                    type="button"
                    className={`case-item${item.id === selected ? ' case-item--selected' : ''}`}
                    aria-current={item.id === selected ? 'true' : undefined}
                    onClick={() => select(item.id)}
                  >
                    <span className="case-item__line">
                      <strong>{item.number}</strong>{' '}
                      {item.procedure === 'zb' ? `Cliente ${item.subject}` : `Sol. ${item.subject}`}
                      {item.customerName && <span className="muted"> {item.customerName}</span>}
                    </span>
                    <span className="case-item__line small">
                      {item.step
                        ? `${definition.steps[item.step]?.ref ?? ''} ${stepTitle(item.procedure, item.step)}`
                        : `Terminado: ${endLabel(item.procedure, item.endState)}`}
                    </span>
                    <span className="case-item__line small muted">
                      {item.step && item.dueAt
                        ? `Vence ${shortDateTime(item.dueAt)}`
                        : item.closedAt
                          ? `Cerrado ${shortDateTime(item.closedAt)}`
                          : ''}
                      {item.overdue && <span className="badge badge--danger">Vencido</span>}
                      {item.canAct && item.step && <span className="badge">Para usted</span>}
                      {item.assignee && ` · ${item.assignee.name}`}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {list?.nextCursor && (
            <button
              type="button"
              className="cases__more"
              onClick={() => void loadList(list.nextCursor ?? undefined)}
            >
              Cargar más casos
            </button>
          )}
        </div>
        <div className="cases__detail" ref={detailHeading}>
          {creating ? (
            <NewCaseForm
              api={api}
              actor={actor}
              today={todayInChile()}
              onOpened={(opened) => {
                setCreating(false);
                setSelected(opened.id);
                setDetail(opened);
                void loadList();
              }}
              onCancel={() => setCreating(false)}
            />
          ) : detailError ? (
            <p role="alert" className="error">
              {detailError}
            </p>
          ) : detail && detail.id === selected ? (
            <CaseDetail
              key={detail.id}
              detail={detail}
              actor={actor}
              viewerId={me?.id ?? null}
              users={users}
              today={todayInChile()}
              act={act}
              notice={notice}
            />
          ) : (
            <p className="muted cases__empty">
              Elija un caso de la lista para ver su paso actual, su historial y su diagrama.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

/** '2026-03-01' → '01-03-2026'. */
function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}-${m}-${y}`;
}

function IndicatorChip({ indicator }: { indicator: IndicatorResponse }) {
  const text =
    indicator.percent === null
      ? `${INDICATOR_LABELS.sin_datos} en el período`
      : `${indicator.percent.toLocaleString('es-CL', { minimumFractionDigits: 1 })} % · ${INDICATOR_LABELS[indicator.verdict]} — ${indicator.noAnuladas} no anuladas de ${indicator.total}`;
  return (
    <p
      className={`indicator indicator--${indicator.verdict}`}
      aria-label={`Indicador de anulaciones: ${text}`}
    >
      <span className="indicator__name">
        Indicador COM-DSC-P10, cerrados del {dayText(indicator.from)} al {dayText(indicator.to)}
      </span>
      <span className="indicator__value">{text}</span>
      {indicator.open > 0 && <span className="muted small"> · {indicator.open} en curso</span>}
    </p>
  );
}
