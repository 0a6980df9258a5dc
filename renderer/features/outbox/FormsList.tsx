import { useLiveQuery } from 'dexie-react-hooks';
import { FORMS } from '../../../shared/forms/fields';
import { recentEntries } from './outboxRepo';

const STATUS_LABEL = { pendiente: 'pendiente', enviado: 'enviado', rechazado: 'rechazado' } as const;

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('es-CL', { dateStyle: 'short', timeStyle: 'short' });
}

/** "Formularios": every form this workstation queued, newest first, straight from IndexedDB. */
export function FormsList() {
  const entries = useLiveQuery(() => recentEntries(), []);
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
              <tr key={entry.id} data-form-id={entry.id}>
                <td>{formatTime(entry.createdAt)}</td>
                <td>
                  {entry.submission.customerName} ({entry.submission.customerCode})
                </td>
                <td>{entry.submission.blockCodes.join(', ') || '—'}</td>
                <td>{FORMS[entry.submission.formId].title}</td>
                <td>
                  <span className={`status status--${entry.status}`}>{STATUS_LABEL[entry.status]}</span>
                  {entry.lastError && <span className="error"> {entry.lastError}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
