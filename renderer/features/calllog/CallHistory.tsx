import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import {
  CALL_LOG_OUTCOME_LABEL,
  callLogOutcomeLabel,
  type CallLogEntry,
  type CallLogOutcome,
} from '../../../shared/telephony/callLog';
import { useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { useNow } from '../../components/useNow';
import { CopyNumber, formatDuration } from '../call';
import { formatIn } from '../sync';
import { useCallBack } from './callBack';
import { formatWhen } from './MissedCalls';
import { uploadCell, uploadSummary } from './uploadText';
import './calllog.css';

const LIMIT = 200;
const OUTCOMES = Object.entries(CALL_LOG_OUTCOME_LABEL) as Array<[CallLogOutcome, string]>;

function duration(entry: CallLogEntry): string {
  if (entry.answeredAt === null || entry.endedAt === null) return '—';
  return formatDuration(entry.endedAt - entry.answeredAt);
}

/**
 * "Historial de llamadas": every call this workstation logged (all outcomes), newest first,
 * searchable by number, customer or block code, with "Devolver llamada" and whether the back
 * office has it. Reads IndexedDB live: a call that ends or is uploaded shows at once.
 */
export function CallHistory({ companionMode }: { companionMode?: boolean }) {
  const services = useServices();
  const id = useId();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<CallLogOutcome | 'all'>('all');
  const { errors, callBack: onCallBack } = useCallBack();
  const calls = useLiveQuery(
    () => services.callLog.history({ text, outcome, limit: LIMIT }),
    [text, outcome, services.callLog],
  );
  const agent = useAppSelector((s) => s.session.username);
  const stats = useLiveQuery(() => services.callLog.uploadStats(agent), [services.callLog, agent]);
  const configured = useAppSelector((s) => s.sync.serverUrl !== null);
  const sender = useAppSelector((s) => (s.sync.leader ? s.sync.callSender : null));
  const now = useNow(stats && stats.pending > 0 ? 1000 : null);
  const companion = companionMode ?? services.calls.companionMode;

  const retryAt =
    sender?.phase === 'waiting' && sender.retryAt !== null
      ? sender.retryAt
      : stats?.headNextAttemptAt
        ? Date.parse(stats.headNextAttemptAt)
        : null;
  const summary = stats
    ? uploadSummary(
        {
          configured,
          pending: stats.pending,
          held: stats.held,
          rejected: stats.rejected,
          headError: sender?.error ?? stats.headError,
          retryInMs: retryAt !== null && Number.isFinite(retryAt) ? Math.max(0, retryAt - now) : null,
        },
        formatIn,
      )
    : '';

  return (
    <section className="history" aria-labelledby={`${id}-title`}>
      <div className="history__head">
        <h2 id={`${id}-title`}>Historial de llamadas</h2>
        <form className="history__filters" role="search" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={`${id}-text`}>Buscar en el historial</label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            placeholder="Número, nombre o código de cliente, código de bloqueo"
            onChange={(event) => setText(event.target.value)}
          />
          <label htmlFor={`${id}-outcome`}>Resultado</label>
          <select
            id={`${id}-outcome`}
            value={outcome}
            onChange={(event) => setOutcome(event.target.value as CallLogOutcome | 'all')}
          >
            <option value="all">Todas</option>
            {OUTCOMES.map(([value, label]) => (
              <option key={value} value={value}>
                {label[0]!.toUpperCase() + label.slice(1)}
              </option>
            ))}
          </select>
        </form>
      </div>
      <p role="status" className="history__upload muted">
        {summary}
      </p>
      {calls === undefined ? (
        <p className="muted">Cargando…</p>
      ) : calls.length === 0 ? (
        <p className="muted">
          {text.trim() || outcome !== 'all'
            ? 'Ninguna llamada coincide con la búsqueda.'
            : 'Aún no hay llamadas en este equipo.'}
        </p>
      ) : (
        <div className="history__scroll">
          <table className="history__table">
            <caption className="visually-hidden">
              Llamadas de este equipo, de la más reciente a la más antigua
            </caption>
            <thead>
              <tr>
                <th scope="col">Fecha</th>
                <th scope="col">Sentido</th>
                <th scope="col">Número</th>
                <th scope="col">Cliente</th>
                <th scope="col">Bloqueo</th>
                <th scope="col">Resultado</th>
                <th scope="col">Duración</th>
                <th scope="col">Central</th>
                <th scope="col">
                  <span className="visually-hidden">Acciones</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((entry) => (
                <tr
                  key={entry.id}
                  data-call-id={entry.id}
                  data-outcome={entry.outcome ?? 'en-curso'}
                  data-upload={entry.uploadStatus ?? 'en-curso'}
                >
                  <td>
                    <time dateTime={new Date(entry.startedAt).toISOString()}>
                      {formatWhen(entry.startedAt)}
                    </time>
                  </td>
                  <td>{entry.direction === 'incoming' ? 'Entrante' : 'Saliente'}</td>
                  <td>
                    <span className="history__number">{entry.label}</span>
                    {entry.displayName && <span className="history__sub muted">{entry.displayName}</span>}
                  </td>
                  <td>
                    {entry.customerName && <span className="history__name">{entry.customerName}</span>}
                    {entry.customerName ? (
                      <span className="history__sub muted">{entry.customerCode}</span>
                    ) : (
                      (entry.customerCode ?? '—')
                    )}
                  </td>
                  <td>{entry.blockCodes.length > 0 ? entry.blockCodes.join(', ') : '—'}</td>
                  <td>
                    {callLogOutcomeLabel(entry)}
                    {entry.calledBackAt !== null && (
                      <span className="history__sub muted">Devuelta {formatWhen(entry.calledBackAt)}</span>
                    )}
                  </td>
                  <td>{duration(entry)}</td>
                  <td className={entry.uploadStatus === 'rechazado' ? 'error' : undefined}>
                    {uploadCell(entry, agent)}
                  </td>
                  <td>
                    {entry.outcome !== null &&
                      entry.number !== null &&
                      (companion ? (
                        <CopyNumber label={`Número ${entry.label}`} number={entry.number} />
                      ) : (
                        <button
                          type="button"
                          aria-label={`Devolver llamada a ${entry.label}`}
                          onClick={() => void onCallBack(entry)}
                        >
                          Devolver llamada
                        </button>
                      ))}
                    {errors[entry.id] && (
                      <span className="history__sub error" role="alert">
                        {errors[entry.id]}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {calls.length >= LIMIT && (
            <p className="muted">Se muestran las {LIMIT} más recientes: afine la búsqueda para ver otras.</p>
          )}
        </div>
      )}
    </section>
  );
}
