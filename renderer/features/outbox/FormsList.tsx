import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { FORMS } from '../../../shared/forms/fields';
import type { FormSubmission } from '../../../shared/forms/submission';
import { leafById } from '../../../shared/requirements/typology';
import { useServices } from '../../app/servicesContext';
import { explainFailure } from '../../platform';
import type { OutboxTicket } from '../../db/db';
import { RejectedFormEditor } from './RejectedFormEditor';
import { ResubmitError, type SyncedOutboxEntry } from './outboxRepo';
import { ticketParts } from './ticketText';
import './outbox.css';

const STATUS_LABEL = { pendiente: 'pendiente', enviado: 'enviado', rechazado: 'rechazado' } as const;

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('es-CL', { dateStyle: 'short', timeStyle: 'short' });
}

/** The form's title; a post-sale requirement also says which leaf. */
function titleOf(submission: FormSubmission): string {
  const leaf = submission.requirement ? leafById(submission.requirement.typeId) : undefined;
  return leaf ? `${FORMS[submission.formId].title} «${leaf.label}»` : FORMS[submission.formId].title;
}

function attemptsText(entry: SyncedOutboxEntry): string | null {
  if (entry.status !== 'pendiente' || entry.attempts === 0) return null;
  const attempts = entry.attempts === 1 ? '1 intento' : `${entry.attempts} intentos`;
  return entry.lastError ? `${attempts} · último error: ${entry.lastError}` : attempts;
}

/** "Ticket PV-0000123, vence 12-12-2026", never broken inside the number or the date. */
function TicketLine({ ticket }: { ticket: OutboxTicket }) {
  const { id, joined, when } = ticketParts(ticket);
  return (
    <span className="forms__ticket">
      Ticket <span className="forms__nowrap">{id}</span>
      {joined}, <span className="forms__nowrap">{when}</span>
    </span>
  );
}

/** "Formularios": every form this workstation queued, newest first, straight from IndexedDB. */
export function FormsList() {
  const { outbox, sender, platform } = useServices();
  const entries = useLiveQuery(() => outbox.recentEntries(), [outbox]);
  const [editing, setEditing] = useState<SyncedOutboxEntry | null>(null);
  const [resendError, setResendError] = useState<{ id: string; message: string } | null>(null);
  const resend = async (entry: SyncedOutboxEntry) => {
    setResendError(null);
    try {
      await outbox.resubmitRejected(entry.id);
      sender.retryNow();
    } catch (error) {
      // Still invalid by the app's own rules: the server would refuse it again.
      const message =
        error instanceof ResubmitError && Object.keys(error.fieldErrors).length > 0
          ? 'No se reenvió: el formulario tiene datos inválidos. Use «Corregir».'
          : explainFailure(
              platform.log,
              'form not resent',
              error,
              'No se pudo reenviar el formulario: intente de nuevo.',
            );
      setResendError({ id: entry.id, message });
    }
  };
  return (
    <section className="forms" aria-labelledby="forms-title">
      <h2 id="forms-title">Formularios</h2>
      {entries === undefined ? (
        <p className="muted">Cargando…</p>
      ) : entries.length === 0 ? (
        <p className="muted">Aún no hay formularios en este equipo.</p>
      ) : (
        <table className="forms__table">
          <thead>
            <tr>
              <th scope="col">Hora</th>
              <th scope="col">Cliente</th>
              <th scope="col">Bloqueo</th>
              <th scope="col">Formulario</th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-form-id={entry.id} data-status={entry.status}>
                <td>{formatTime(entry.createdAt)}</td>
                <td>
                  {entry.submission.customerName} ({entry.submission.customerCode})
                </td>
                <td>{entry.submission.blockCodes.join(', ') || '—'}</td>
                <td>{titleOf(entry.submission)}</td>
                <td>
                  <span className={`status status--${entry.status}`}>{STATUS_LABEL[entry.status]}</span>
                  {entry.ticket && <TicketLine ticket={entry.ticket} />}
                  {entry.status === 'rechazado' && (
                    <>
                      <span className="error"> {entry.lastError}</span>
                      <span className="forms__actions">
                        <button type="button" onClick={() => setEditing(entry)}>
                          Corregir
                        </button>
                        <button type="button" onClick={() => void resend(entry)}>
                          Reenviar
                        </button>
                      </span>
                      {resendError?.id === entry.id && (
                        <span role="alert" className="error forms__attempts">
                          {resendError.message}
                        </span>
                      )}
                    </>
                  )}
                  {attemptsText(entry) && (
                    <span className="forms__attempts muted">{attemptsText(entry)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <RejectedFormEditor entry={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}
