import { lazy, Suspense, useMemo, useState } from 'react';
import { actsAs, deadlineLabel, roleLabels, type Actor } from '../../../shared/procedures';
import type { BackOfficeUser, CaseDetail as Detail, CaseEventBody } from '../../../shared/api';
import { CasesApiError } from './api';
import {
  actionLabel,
  dataLabels,
  displayValue,
  endLabel,
  longDateTime,
  procedureOf,
  shortDateTime,
  stepTitle,
} from './format';
import { StepForm } from './StepForm';
import { Tabs } from './Tabs';

const BpmnView = lazy(() => import('./BpmnView'));

interface Props {
  detail: Detail;
  actor: Actor;
  viewerId: number | null;
  users: BackOfficeUser[];
  today: string;
  /** Sends an event; on success the parent replaces `detail`. Rejects with CasesApiError. */
  act: (body: CaseEventBody) => Promise<void>;
  /** A note from the parent (e.g. "another user acted first"). */
  notice: string | null;
}

type Tab = 'paso' | 'historial' | 'correos' | 'diagrama';

/** One case: where it is, what the viewer can do now, what happened, what was sent, the diagram. */
export function CaseDetail({ detail, actor, viewerId, users, today, act, notice }: Props) {
  const definition = procedureOf(detail.procedure);
  const step = detail.step ? definition.steps[detail.step] : undefined;
  const [tab, setTab] = useState<Tab>('paso');
  const [chosen, setChosen] = useState<string | null>(null);
  const labels = useMemo(() => dataLabels(definition), [definition]);
  const action = step?.actions.find((a) => a.id === chosen && detail.actions.includes(a.id));
  const visited = useMemo(
    () => [
      ...new Set(detail.events.flatMap((e) => [e.fromStep, e.toStep]).filter((s): s is string => Boolean(s))),
    ],
    [detail.events],
  );

  const title = `${detail.number} · ${detail.procedure === 'zb' ? `Cliente ${detail.subject}` : `Solicitud ${detail.subject}`}${detail.customerName ? ` ${detail.customerName}` : ''}`;
  return (
    <article className="case" aria-labelledby="case-title">
      <header className="case__head">
        <h3 id="case-title">{title}</h3>
        <p className="case__where">
          {detail.step ? (
            <>
              <span className="badge">{step?.ref}</span> {stepTitle(detail.procedure, detail.step)}
              {detail.dueAt && (
                <>
                  {' '}
                  · vence {shortDateTime(detail.dueAt)}
                  {step?.deadline && <span className="muted"> ({deadlineLabel(step.deadline)})</span>}
                </>
              )}
              {detail.overdue && <span className="badge badge--danger">Vencido</span>}
            </>
          ) : (
            <span
              className={`badge badge--${definition.endStates[detail.endState ?? '']?.tone ?? 'neutral'}`}
            >
              Terminado: {endLabel(detail.procedure, detail.endState)}
            </span>
          )}
        </p>
        <p className="muted small">
          {definition.code} · abierto {longDateTime(detail.openedAt)}
          {detail.regional !== null &&
            (detail.regional ? ' · cliente de regiones' : ' · Región Metropolitana')}
          {detail.assignee ? ` · a cargo de ${detail.assignee.name}` : ' · sin asignar'}
        </p>
        {detail.canAssign && <AssignBar detail={detail} viewerId={viewerId} users={users} act={act} />}
      </header>
      {notice && (
        <p role="alert" className="notice notice--warn">
          {notice}
        </p>
      )}
      <Tabs
        label="Secciones del caso"
        current={tab}
        onChange={(next) => setTab(next as Tab)}
        tabs={[
          { id: 'paso', label: detail.step ? 'Paso actual' : 'Resultado' },
          { id: 'historial', label: `Historial (${detail.events.length})` },
          { id: 'correos', label: `Correos (${detail.mails.length})` },
          { id: 'diagrama', label: 'Diagrama' },
        ]}
      >
        {tab === 'paso' && (
          <div className="case__step">
            {step ? (
              <>
                <p className="muted small">Lo atiende: {roleLabels(step.roles)}</p>
                <ol className="case__instructions">
                  {step.instructions.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ol>
                {detail.overdue && step.overdueHint && (
                  <p className="notice notice--warn">{step.overdueHint}</p>
                )}
                {action ? (
                  <StepForm
                    key={`${action.id}-${detail.version}`}
                    detail={detail}
                    step={step}
                    action={action}
                    today={today}
                    onSubmit={async (body) => {
                      await act(body);
                      setChosen(null);
                    }}
                    onCancel={() => setChosen(null)}
                  />
                ) : detail.actions.length > 0 ? (
                  <div className="case__actions" role="group" aria-label="¿Qué pasó?">
                    {step.actions
                      .filter((a) => detail.actions.includes(a.id))
                      .map((a) => (
                        <button key={a.id} type="button" onClick={() => setChosen(a.id)}>
                          {a.label}
                          {a.mails?.length ? ' ✉' : ''}
                        </button>
                      ))}
                  </div>
                ) : (
                  <p className="notice">
                    {actsAs(actor, step.roles)
                      ? 'No hay acciones disponibles.'
                      : `Este paso lo atiende: ${roleLabels(step.roles)}. Usted puede ver el caso y comentarlo.`}
                  </p>
                )}
              </>
            ) : (
              <p>
                El caso terminó el {detail.closedAt ? longDateTime(detail.closedAt) : ''}:{' '}
                <strong>{endLabel(detail.procedure, detail.endState)}</strong>.
              </p>
            )}
            <CaseData detail={detail} labels={labels} />
            <CommentBox act={act} />
          </div>
        )}
        {tab === 'historial' && <History detail={detail} labels={labels} />}
        {tab === 'correos' && <Mails detail={detail} />}
        {tab === 'diagrama' && (
          <Suspense fallback={<p className="muted">Cargando el diagrama…</p>}>
            <BpmnView
              definition={definition}
              current={{ step: detail.step, endState: detail.endState }}
              visited={visited}
            />
          </Suspense>
        )}
      </Tabs>
    </article>
  );
}

const SHOWN_FIRST = [
  'avisoNumber',
  'visitDate',
  'placeReference',
  'phone1',
  'phone2',
  'requestNumber',
  'workOrder',
  'siNumber',
];

function CaseData({ detail, labels }: { detail: Detail; labels: Record<string, string> }) {
  const definition = procedureOf(detail.procedure);
  const entries = Object.entries(detail.data)
    .filter(([, value]) => value.trim() !== '')
    .sort(([a], [b]) => {
      const ia = SHOWN_FIRST.indexOf(a);
      const ib = SHOWN_FIRST.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
  return (
    <section aria-label="Datos del caso">
      <h4>Datos del caso</h4>
      <dl className="case__data">
        {entries.map(([name, value]) => (
          <div key={name}>
            <dt>{labels[name] ?? name}</dt>
            <dd>{displayValue(definition, name, value)}</dd>
          </div>
        ))}
      </dl>
      {detail.forms.length > 0 && (
        <p className="muted small">
          Formularios del contact center:{' '}
          {detail.forms.map((f) => `${f.agent} ${shortDateTime(f.receivedAt)}`).join(' · ')}
        </p>
      )}
    </section>
  );
}

function History({ detail, labels }: { detail: Detail; labels: Record<string, string> }) {
  const definition = procedureOf(detail.procedure);
  return (
    <ol className="history" aria-label="Historial del caso">
      {[...detail.events].reverse().map((event) => {
        const what =
          event.kind === 'opened'
            ? `Abrió el caso (${actionLabel(detail.procedure, null, event.action)})`
            : event.kind === 'form'
              ? 'Agregó un formulario del contact center'
              : event.kind === 'comment'
                ? 'Comentó'
                : event.kind === 'assign'
                  ? event.assignee
                    ? `Asignó el caso a ${event.assignee}`
                    : 'Dejó el caso sin asignar'
                  : actionLabel(detail.procedure, event.fromStep, event.action);
        const move =
          event.kind === 'transition'
            ? event.endState
              ? `${stepTitle(detail.procedure, event.fromStep)} → terminado: ${endLabel(detail.procedure, event.endState)}`
              : event.toStep === event.fromStep
                ? `en «${stepTitle(detail.procedure, event.fromStep)}»`
                : `${stepTitle(detail.procedure, event.fromStep)} → ${stepTitle(detail.procedure, event.toStep)}`
            : null;
        const data =
          event.kind === 'transition' ? Object.entries(event.data).filter(([, v]) => v !== '') : [];
        return (
          <li key={event.id}>
            <p>
              <time dateTime={event.at}>{longDateTime(event.at)}</time> ·{' '}
              <strong>{event.actor ?? 'Sistema'}</strong>: {what}
            </p>
            {move && <p className="muted small">{move}</p>}
            {data.length > 0 && (
              <dl className="case__data case__data--compact">
                {data.map(([name, value]) => (
                  <div key={name}>
                    <dt>{labels[name] ?? name}</dt>
                    <dd>{displayValue(definition, name, value)}</dd>
                  </div>
                ))}
              </dl>
            )}
            {event.comment && <p className="history__comment">{event.comment}</p>}
            {event.notes.map((note) => (
              <p key={note} className="notice">
                {note}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

function Mails({ detail }: { detail: Detail }) {
  if (detail.mails.length === 0) return <p className="muted">Este caso no ha enviado correos.</p>;
  return (
    <ul className="mails" aria-label="Correos del caso">
      {detail.mails.map((mail) => (
        <li key={mail.id}>
          <p>
            <strong>{mail.subject}</strong>
          </p>
          <p className="small">
            Para: {mail.to.join(', ')}
            {mail.cc.length > 0 && ` · CC: ${mail.cc.join(', ')}`}
          </p>
          <p className="small">
            {mail.status === 'sent' && mail.sentAt
              ? `Enviado ${longDateTime(mail.sentAt)}`
              : `Pendiente${mail.attempts > 0 ? ` (intentos: ${mail.attempts}${mail.lastError ? `; último error: ${mail.lastError}` : ''})` : ''}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

function CommentBox({ act }: { act: Props['act'] }) {
  const [text, setText] = useState('');
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setMessage('Escriba el comentario.');
      return;
    }
    setBusy(true);
    try {
      await act({ type: 'comment', clientId, comment: text.trim() });
      setText('');
      setMessage(null);
      setClientId(crypto.randomUUID());
    } catch (error) {
      setMessage(
        error instanceof CasesApiError
          ? error.message
          : 'No se pudo conectar con la central: intente nuevamente.',
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="comment" onSubmit={(e) => void send(e)} noValidate>
      <label htmlFor="case-comment">Comentario</label>
      <textarea
        id="case-comment"
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Comentar
      </button>
    </form>
  );
}

function AssignBar({
  detail,
  viewerId,
  users,
  act,
}: {
  detail: Detail;
  viewerId: number | null;
  users: BackOfficeUser[];
  act: Props['act'];
}) {
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const assign = async (assigneeId: number | null) => {
    try {
      await act({ type: 'assign', clientId: crypto.randomUUID(), assigneeId });
      setMessage(null);
    } catch (error) {
      setMessage(error instanceof CasesApiError ? error.message : 'No se pudo conectar con la central.');
    }
  };
  return (
    <div className="case__assign">
      {viewerId !== null && detail.assignee?.id !== viewerId && (
        <button type="button" onClick={() => void assign(viewerId)}>
          Tomar caso
        </button>
      )}
      <label htmlFor="case-assign">Asignar a</label>
      <select id="case-assign" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">Elija…</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
      </select>
      <button type="button" disabled={!to} onClick={() => void assign(Number(to))}>
        Asignar
      </button>
      {message && (
        <span role="alert" className="error">
          {message}
        </span>
      )}
    </div>
  );
}
