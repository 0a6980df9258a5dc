import { useCallback, useEffect, useState } from 'react';
import {
  ESCALATION_KINDS,
  type BackOfficeMe,
  type BackOfficeUser,
  type Escalation,
  type EscalationDetail,
  type EscalationEventBody,
} from '../../../shared/api';
import { CasesApiError, type CasesApi } from './api';
import { longDateTime, shortDateTime } from './format';
import './cases.css';

const STATUS_LABELS: Record<Escalation['status'], string> = {
  abierta: 'Abierta',
  tomada: 'Tomada',
  cerrada: 'Cerrada',
};

const DETAIL_LABELS: Record<string, string> = {
  comentario: 'Comentario del agente',
  bloqueos: 'Códigos de bloqueo',
  pedido: 'Pedido',
  llamada: 'Llamada',
  ticket: 'Ticket',
  vencimiento: 'Vencimiento',
  descripcion: 'Descripción del ticket',
  motivo: 'Motivo del rechazo',
  formulario: 'Formulario',
  idFormulario: 'Id. del formulario en el equipo del agente',
};

const EVENT_LABELS: Record<EscalationDetail['events'][number]['kind'], string> = {
  created: 'Escaló',
  take: 'Tomó',
  comment: 'Comentó',
  reassign: 'Reasignó',
  close: 'Cerró',
  reopen: 'Reabrió',
};

function failureText(error: unknown): string {
  return error instanceof CasesApiError
    ? error.message
    : 'No se pudo conectar con la central: intente nuevamente.';
}

/**
 * What agents could not solve: "ya le tomaron los datos", unknown or replaced codes, Z3 without
 * an enabled record, overdue Z4 tickets, forms the central refused. Taken, commented, reassigned,
 * closed with how it was solved, reopened; nothing is deleted.
 */
export function EscalationsScreen({ api }: { api: CasesApi }) {
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [mine, setMine] = useState(false);
  const [items, setItems] = useState<Escalation[] | null>(null);
  const [counts, setCounts] = useState<{ open: number; mine: number; unassigned: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<EscalationDetail | null>(null);
  const [me, setMe] = useState<BackOfficeMe | null>(null);
  const [users, setUsers] = useState<BackOfficeUser[]>([]);

  const load = useCallback(async () => {
    try {
      const answer = await api.escalations({ status, mine });
      setItems(answer.escalations);
      setCounts(answer.counts);
      setError(null);
    } catch (cause) {
      setError(failureText(cause));
    }
  }, [api, status, mine]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api.me().then(setMe, () => {});
    api.users().then(setUsers, () => {});
  }, [api]);

  const open = async (id: number) => {
    try {
      setSelected(await api.escalation(id));
    } catch (cause) {
      setError(failureText(cause));
    }
  };

  return (
    <section className="cases" aria-labelledby="escalations-title">
      <header className="cases__bar">
        <h2 id="escalations-title">Escalamientos</h2>
        {counts && (
          <p className="cases__counts">
            {counts.open} abiertos · {counts.unassigned} sin tomar · {counts.mine} suyos
          </p>
        )}
      </header>
      <div className="cases__body">
        <div className="cases__list">
          <form
            className="cases__filters"
            aria-label="Filtrar escalamientos"
            onSubmit={(e) => e.preventDefault()}
          >
            <label>
              Estado
              <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'closed')}>
                <option value="open">Abiertos y tomados</option>
                <option value="closed">Cerrados</option>
              </select>
            </label>
            <fieldset className="cases__toggles">
              <legend className="visually-hidden">Mostrar solo</legend>
              <label>
                <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Solo los
                míos
              </label>
            </fieldset>
          </form>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {items && items.length === 0 && <p className="muted">No hay escalamientos aquí.</p>}
          <ul className="cases__items" aria-label="Escalamientos">
            {items?.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className={`case-item${item.id === selected?.id ? ' case-item--selected' : ''}`}
                  aria-current={item.id === selected?.id ? 'true' : undefined}
                  onClick={() => void open(item.id)}
                >
                  <span className="case-item__line">
                    <strong>{ESCALATION_KINDS[item.kind]}</strong>
                  </span>
                  <span className="case-item__line small">
                    {item.customerCode ? `Cliente ${item.customerCode} ${item.customerName}` : 'Sin cliente'}
                    {item.agent && ` · ${item.agent}`}
                  </span>
                  <span className="case-item__line small muted">
                    {shortDateTime(item.createdAt)} · {STATUS_LABELS[item.status]}
                    {item.assignee && ` · ${item.assignee.name}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="cases__detail">
          {selected ? (
            <EscalationPanel
              key={`${selected.id}-${selected.version}-${selected.events.length}`}
              item={selected}
              viewerId={me?.id ?? null}
              users={users}
              act={async (body) => {
                try {
                  const result = await api.actOnEscalation(selected.id, body);
                  setSelected(result.escalation);
                  void load();
                } catch (cause) {
                  if (cause instanceof CasesApiError && cause.conflict) {
                    setSelected(await api.escalation(selected.id));
                    void load();
                  }
                  throw cause;
                }
              }}
            />
          ) : (
            <p className="muted cases__empty">Elija un escalamiento para verlo, tomarlo o cerrarlo.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function EscalationPanel({
  item,
  viewerId,
  users,
  act,
}: {
  item: EscalationDetail;
  viewerId: number | null;
  users: BackOfficeUser[];
  act: (body: EscalationEventBody) => Promise<void>;
}) {
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (body: EscalationEventBody) => {
    setBusy(true);
    try {
      await act(body);
      setMessage(null);
      setComment('');
    } catch (cause) {
      setMessage(failureText(cause));
    } finally {
      setBusy(false);
    }
  };
  const base = () => ({ clientId: crypto.randomUUID(), expectedVersion: item.version });
  const closed = item.status === 'cerrada';
  return (
    <article className="case" aria-labelledby="escalation-title">
      <header className="case__head">
        <h3 id="escalation-title">{ESCALATION_KINDS[item.kind]}</h3>
        {item.summary !== ESCALATION_KINDS[item.kind] && <p>{item.summary}</p>}
        <p className="muted small">
          {STATUS_LABELS[item.status]} · {longDateTime(item.createdAt)}
          {item.agent && ` · de ${item.agent}`}
          {item.assignee ? ` · a cargo de ${item.assignee.name}` : ' · sin tomar'}
          {item.ticketId && ` · ticket ${item.ticketId}`}
        </p>
      </header>
      {item.customerCode && (
        <p>
          Cliente <strong>{item.customerCode}</strong> {item.customerName}
        </p>
      )}
      {Object.keys(item.details).length > 0 && (
        <dl className="case__data">
          {Object.entries(item.details).map(([name, value]) => (
            <div key={name}>
              <dt>{DETAIL_LABELS[name] ?? name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="field">
        <label htmlFor="escalation-comment">Comentario (obligatorio para cerrar o reabrir)</label>
        <textarea
          id="escalation-comment"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="actions" role="group" aria-label="Acciones">
        {!closed && viewerId !== null && item.assignee?.id !== viewerId && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run({ type: 'take', ...base() })}
          >
            Tomar
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={() => void run({ type: 'comment', clientId: crypto.randomUUID(), comment })}
        >
          Comentar
        </button>
        {!closed ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run({ type: 'close', ...base(), comment })}
          >
            Cerrar
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run({ type: 'reopen', ...base(), comment })}
          >
            Reabrir
          </button>
        )}
      </div>
      {!closed && (
        <div className="case__assign">
          <label htmlFor="escalation-assignee">Reasignar a</label>
          <select id="escalation-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Elija…</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || !assignee}
            onClick={() =>
              void run({
                type: 'reassign',
                ...base(),
                assigneeId: Number(assignee),
                ...(comment.trim() ? { comment } : {}),
              })
            }
          >
            Reasignar
          </button>
        </div>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <h4>Historial</h4>
      <ol className="history" aria-label="Historial del escalamiento">
        {[...item.events].reverse().map((event) => (
          <li key={event.id}>
            <p>
              <time dateTime={event.at}>{longDateTime(event.at)}</time> ·{' '}
              <strong>{event.actor ?? 'Sistema'}</strong>: {EVENT_LABELS[event.kind]}
              {event.assignee && ` → ${event.assignee}`}
            </p>
            {event.comment && <p className="history__comment">{event.comment}</p>}
          </li>
        ))}
      </ol>
    </article>
  );
}
