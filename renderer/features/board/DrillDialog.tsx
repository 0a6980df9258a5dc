import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BoardFilters,
  CallRow,
  CaseRow,
  DrillSource,
  FormRow,
  RefusalRow,
  TicketRow,
} from '../../../shared/api/board';
import { FORM_STATUS_LABEL } from '../../../shared/forms/status';
import { CALL_LOG_OUTCOME_LABEL, type CallLogOutcome } from '../../../shared/telephony/callLog';
import type { BoardApi } from './boardApi';
import { cellText, type BoardColumn, type DrillRequest } from './columns';
import { ExportButtons } from './ExportButtons';
import { formatDuration, formatInstant } from './format';

type AnyRow = CallRow | FormRow | RefusalRow | TicketRow | CaseRow;

const CALL_COLUMNS: BoardColumn<CallRow>[] = [
  { id: 'startedAt', header: 'Inicio', value: (r) => formatInstant(r.startedAt) },
  { id: 'agent', header: 'Agente', value: (r) => r.agent },
  {
    id: 'direction',
    header: 'Sentido',
    value: (r) => (r.direction === 'incoming' ? 'entrante' : 'saliente'),
  },
  { id: 'number', header: 'Número', value: (r) => r.number, sensitive: 'phone' },
  { id: 'customer', header: 'Cliente', value: (r) => r.customerCode },
  { id: 'blocks', header: 'Bloqueos', value: (r) => r.blockCodes.join(' ') },
  {
    id: 'outcome',
    header: 'Resultado',
    value: (r) => CALL_LOG_OUTCOME_LABEL[r.outcome as CallLogOutcome] ?? r.outcome,
  },
  {
    id: 'handled',
    header: 'Conversación',
    value: (r) => r.handledSeconds,
    display: (r) => formatDuration(r.handledSeconds),
    numeric: true,
  },
  { id: 'transfer', header: 'Transferida a', value: (r) => r.transferTarget },
];

const FORM_COLUMNS: BoardColumn<FormRow>[] = [
  { id: 'createdAt', header: 'Creado', value: (r) => formatInstant(r.createdAt) },
  { id: 'agent', header: 'Agente', value: (r) => r.agent },
  { id: 'title', header: 'Formulario', value: (r) => r.title },
  { id: 'customer', header: 'Cliente', value: (r) => r.customerCode },
  { id: 'name', header: 'Nombre', value: (r) => r.customerName },
  { id: 'rut', header: 'RUT', value: (r) => r.rut, sensitive: 'rut' },
  { id: 'phone', header: 'Teléfono', value: (r) => r.phone, sensitive: 'phone' },
  { id: 'blocks', header: 'Bloqueos', value: (r) => r.blockCodes.join(' ') },
  { id: 'status', header: 'Estado', value: (r) => FORM_STATUS_LABEL[r.status] },
  { id: 'resolvedAt', header: 'Resuelto', value: (r) => (r.resolvedAt ? formatInstant(r.resolvedAt) : null) },
];

const REFUSAL_COLUMNS: BoardColumn<RefusalRow>[] = [
  { id: 'refusedAt', header: 'Rechazado', value: (r) => formatInstant(r.refusedAt) },
  { id: 'agent', header: 'Agente', value: (r) => r.agent },
  { id: 'formType', header: 'Formulario', value: (r) => r.formType },
  { id: 'reason', header: 'Motivo', value: (r) => r.reason },
];

const TICKET_COLUMNS: BoardColumn<TicketRow>[] = [
  { id: 'id', header: 'Ticket', value: (r) => r.id },
  { id: 'createdAt', header: 'Abierto', value: (r) => formatInstant(r.createdAt) },
  { id: 'agent', header: 'Abierto por', value: (r) => r.agent },
  { id: 'customer', header: 'Cliente', value: (r) => r.customerCode },
  { id: 'typology', header: 'Tipificación', value: (r) => r.typology },
  { id: 'status', header: 'Estado', value: (r) => (r.overdue ? 'abierto (vencido)' : r.status) },
  { id: 'due', header: 'Vence', value: (r) => r.dueDate },
  { id: 'closedAt', header: 'Cerrado', value: (r) => (r.closedAt ? formatInstant(r.closedAt) : null) },
  { id: 'days', header: 'Días hábiles', value: (r) => r.businessDays, numeric: true },
];

const OUTCOME_LABEL = { no_anulada: 'no anulada', anulada: 'anulada' } as const;

const CASE_COLUMNS: BoardColumn<CaseRow>[] = [
  { id: 'id', header: 'Caso', value: (r) => r.id },
  { id: 'openedAt', header: 'Abierto', value: (r) => formatInstant(r.openedAt) },
  { id: 'openedBy', header: 'Abierto por', value: (r) => r.openedBy },
  { id: 'subject', header: 'Asunto', value: (r) => r.subject },
  { id: 'customer', header: 'Cliente', value: (r) => r.customerCode },
  { id: 'name', header: 'Nombre', value: (r) => r.customerName },
  { id: 'stepOrEnd', header: 'Paso o cierre', value: (r) => r.stepOrEnd },
  {
    id: 'due',
    header: 'Plazo',
    value: (r) => (r.dueAt ? `${formatInstant(r.dueAt)}${r.overdue ? ' (vencido)' : ''}` : null),
  },
  { id: 'closedAt', header: 'Cerrado', value: (r) => (r.closedAt ? formatInstant(r.closedAt) : null) },
  {
    id: 'outcome',
    header: 'Indicador',
    value: (r) => (r.indicatorOutcome ? OUTCOME_LABEL[r.indicatorOutcome] : null),
  },
  { id: 'assignee', header: 'Tomado por', value: (r) => r.assignee },
];

export const DRILL_COLUMNS: Record<DrillSource, BoardColumn<AnyRow>[]> = {
  calls: CALL_COLUMNS as BoardColumn<AnyRow>[],
  forms: FORM_COLUMNS as BoardColumn<AnyRow>[],
  refusals: REFUSAL_COLUMNS as BoardColumn<AnyRow>[],
  tickets: TICKET_COLUMNS as BoardColumn<AnyRow>[],
  cases: CASE_COLUMNS as BoardColumn<AnyRow>[],
  indicator: CASE_COLUMNS as BoardColumn<AnyRow>[],
};

/** At most this many rows are loaded into the dialog (and its exports). */
export const DRILL_MAX_ROWS = 10_000;
const ROW_HEIGHT = 30;

interface Props {
  request: DrillRequest;
  filters: BoardFilters;
  api: BoardApi;
  mask: boolean;
  onClose: () => void;
}

/** The rows behind a number, in a modal dialog: virtualised, paged as it scrolls, exportable. */
export function DrillDialog({ request, filters, api, mask, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<AnyRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns = DRILL_COLUMNS[request.source];

  // What had focus when the dialog was asked for (taken once, at the first render).
  const [opener] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // Focus on the rows (not on "Cerrar"): the key that opened the dialog must not also close it.
    scroller.current?.focus();
    // Unmounting removes the dialog (and its modal state); only the opener's focus is ours to restore.
    return () => opener?.focus();
  }, [opener]);

  // One page request at a time: two effects can ask before the `loading` state re-renders, and
  // both would append the same page.
  const inFlight = useRef(false);
  const loadMore = useCallback(
    async (all = false) => {
      if (inFlight.current || loading || done) return;
      inFlight.current = true;
      setLoading(true);
      let next = cursor;
      let loaded = rows.length;
      try {
        do {
          const answer = await api.rows(request.source, filters, request.cell, next);
          if (!answer.ok) {
            setError(answer.failure.message);
            return;
          }
          setError(null);
          setRows((current) => [...current, ...answer.value.rows]);
          loaded += answer.value.rows.length;
          next = answer.value.nextCursor;
          setCursor(next);
          if (!next || loaded >= DRILL_MAX_ROWS) setDone(true);
        } while (all && next && loaded < DRILL_MAX_ROWS);
      } finally {
        inFlight.current = false;
        setLoading(false);
      }
    },
    [api, cursor, done, filters, loading, request, rows.length],
  );

  useEffect(() => {
    void loadMore();
    // First page once; later pages as the list scrolls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20) void loadMore();
  }, [last, rows.length, loadMore]);

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (last?.end ?? 0);

  return (
    <dialog
      ref={dialog}
      className="board-drill"
      aria-labelledby="board-drill-title"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="board-drill__head">
        <h2 id="board-drill-title">{request.title}</h2>
        <button type="button" onClick={onClose}>
          Cerrar
        </button>
      </header>
      <div className="board-drill__bar">
        <span aria-live="polite">
          {rows.length} {rows.length === 1 ? 'fila' : 'filas'}
          {done ? '' : ' cargadas'}
          {loading ? ' · cargando…' : ''}
        </span>
        {!done && (
          <button type="button" onClick={() => void loadMore(true)} disabled={loading}>
            Cargar todas (hasta {DRILL_MAX_ROWS.toLocaleString('es-CL')})
          </button>
        )}
        <ExportButtons
          name={`detalle-${request.source}`}
          sheet="Detalle"
          columns={columns}
          rows={rows}
          mask={mask}
        />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div ref={scroller} className="board-drill__scroll" tabIndex={0} aria-label="Filas del detalle">
        <table>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.id} scope="col" className={column.numeric ? 'num' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr aria-hidden="true" style={{ height: before }}>
                <td colSpan={columns.length} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <tr key={item.key} style={{ height: ROW_HEIGHT }}>
                  {columns.map((column) => (
                    <td key={column.id} className={column.numeric ? 'num' : undefined}>
                      {cellText(column, row)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden="true" style={{ height: after }}>
                <td colSpan={columns.length} />
              </tr>
            )}
          </tbody>
        </table>
        {done && rows.length === 0 && !error && <p className="muted">No hay filas.</p>}
      </div>
    </dialog>
  );
}
