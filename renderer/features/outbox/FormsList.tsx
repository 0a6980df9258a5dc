import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useServices } from '../../app/servicesContext';
import { explainFailure } from '../../platform';
import { FormDetail } from './FormDetail';
import { formTitle } from './formTitle';
import { listTime } from './formTime';
import { RejectedFormEditor } from './RejectedFormEditor';
import { ResubmitError, type SyncedOutboxEntry } from './outboxRepo';
import './outbox.css';

const STATUS_LABEL = { pendiente: 'pendiente', enviado: 'enviado', rechazado: 'rechazado' } as const;

/**
 * "Formularios": every form this workstation queued, newest first, straight from IndexedDB; one
 * line each (time, customer, form, status), «Ver» opens what was sent and the back office's answer.
 */
export function FormsList() {
  const { outbox, sender, platform } = useServices();
  const entries = useLiveQuery(() => outbox.recentEntries(), [outbox]);
  const [viewing, setViewing] = useState<string | null>(null);
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
  // The open detail follows the live row (a pending form turns "enviado" under the agent's eyes).
  const viewed = viewing ? entries?.find((entry) => entry.id === viewing) : undefined;
  const now = new Date();
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
              <th scope="col">Formulario</th>
              <th scope="col">Estado</th>
              <th scope="col">
                <span className="visually-hidden">Detalle</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const { submission } = entry;
              const title = formTitle(submission);
              const blocks = submission.blockCodes.join(', ');
              const time = listTime(entry.createdAt, now);
              return (
                <tr key={entry.id} data-form-id={entry.id} data-status={entry.status}>
                  <td className="forms__time">{time}</td>
                  <td title={`${submission.customerName} (${submission.customerCode})`}>
                    {submission.customerName}
                  </td>
                  <td title={blocks ? `${title} · ${blocks}` : title}>
                    {blocks && <span className="badge">{blocks}</span>} {title}
                  </td>
                  <td>
                    <span className={`status status--${entry.status}`}>{STATUS_LABEL[entry.status]}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="forms__view"
                      aria-label={`Ver ${title} de ${submission.customerName}, ${time}`}
                      onClick={() => setViewing(entry.id)}
                    >
                      Ver
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {viewed && !editing && (
        <FormDetail
          entry={viewed}
          related={
            viewed.submission.context?.relatedFormId
              ? entries?.find((entry) => entry.id === viewed.submission.context?.relatedFormId)
              : undefined
          }
          onClose={() => setViewing(null)}
          onCorrect={() => setEditing(viewed)}
          onResend={() => void resend(viewed)}
          resendError={resendError?.id === viewed.id ? resendError.message : null}
        />
      )}
      {editing && <RejectedFormEditor entry={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}
