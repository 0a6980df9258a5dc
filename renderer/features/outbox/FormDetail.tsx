import { useId } from 'react';
import { FORMS } from '../../../shared/forms/fields';
import { SUPERVISOR_REASONS } from '../../../shared/forms/submission';
import { formatDay } from '../../../shared/requirements/dates';
import { leafById } from '../../../shared/requirements/typology';
import { Modal } from '../../components/Modal';
import type { OutboxTicket } from '../../db/db';
import { formTitle } from './formTitle';
import { fullTime, listTime } from './formTime';
import type { SyncedOutboxEntry } from './outboxRepo';
import { ticketParts } from './ticketText';

interface Props {
  entry: SyncedOutboxEntry;
  /** The form a note adds to, when this workstation has it. */
  related: SyncedOutboxEntry | undefined;
  onClose: () => void;
  onCorrect: () => void;
  onResend: () => void;
  resendError: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the agent sent, field by field with the form's own Spanish labels (empty ones say so). */
function SentValues({ entry, related }: Pick<Props, 'entry' | 'related'>) {
  const { submission } = entry;
  const leaf = submission.requirement ? leafById(submission.requirement.typeId) : undefined;
  const rows: Array<[string, string]> = [];
  if (submission.formId === 'nota')
    rows.push([
      'Agrega a',
      related
        ? `${formTitle(related.submission)} de ${listTime(related.createdAt)}`
        : 'un caso ya ingresado para este cliente',
    ]);
  if (submission.supervisorReason) rows.push(['Motivo', SUPERVISOR_REASONS[submission.supervisorReason]]);
  if (leaf) rows.push(['Requerimiento', leaf.label]);
  if (submission.requirement?.relatedTicketId)
    rows.push(['Ticket anterior', submission.requirement.relatedTicketId]);
  if (submission.context?.ticketId) rows.push(['Ticket', submission.context.ticketId]);
  for (const field of FORMS[submission.formId].fields) {
    const value = submission.values[field.name]?.trim() ?? '';
    rows.push([field.label, value === '' ? '—' : ISO_DAY.test(value) ? formatDay(value) : value]);
  }
  return (
    <dl className="form-detail__values">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function TicketAnswer({ ticket }: { ticket: OutboxTicket }) {
  const { id, joined, when } = ticketParts(ticket);
  return (
    <p className="form-detail__ticket">
      Ticket <strong>{id}</strong>
      {joined}, {ticket.status === 'cerrado' ? when : <strong>{when}</strong>}.{' '}
      {ticket.created
        ? 'La central lo abrió con este formulario.'
        : 'El formulario se sumó a ese ticket, que ya estaba abierto.'}
    </p>
  );
}

/** The back office's answer as this workstation knows it: waiting, received (and its ticket), refused. */
function Answer({ entry, onCorrect, onResend, resendError }: Omit<Props, 'related' | 'onClose'>) {
  if (entry.status === 'pendiente') {
    const attempts =
      entry.attempts === 0 ? null : entry.attempts === 1 ? '1 intento' : `${entry.attempts} intentos`;
    return (
      <>
        <p>Aún no llega a la central: está guardado en este equipo y se envía solo.</p>
        {attempts && (
          <p className="muted">
            {attempts}
            {entry.lastError ? ` · último error: ${entry.lastError}` : ''}
            {entry.nextAttemptAt ? ` · próximo intento ${listTime(entry.nextAttemptAt)}` : ''}
          </p>
        )}
      </>
    );
  }
  if (entry.status === 'enviado') {
    return (
      <>
        <p>Recibido por la central{entry.sentAt ? ` (${fullTime(entry.sentAt)})` : ''}.</p>
        {entry.ticket && <TicketAnswer ticket={entry.ticket} />}
      </>
    );
  }
  return (
    <>
      <p className="form-detail__refusal">
        <strong>Rechazado:</strong> {entry.lastError ?? 'la central no dio el motivo.'}
      </p>
      {entry.parkReport && (
        <p className="muted">
          {entry.parkReport.state === 'enviado'
            ? `Su supervisor tiene el aviso en su bandeja de escalamientos${
                entry.parkReport.reportedAt ? ` (${fullTime(entry.parkReport.reportedAt)})` : ''
              }.`
            : 'El aviso a su supervisor sale solo en cuanto la central lo reciba.'}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onCorrect}>
          Corregir
        </button>
        <button type="button" onClick={onResend}>
          Reenviar
        </button>
      </div>
      {resendError && (
        <p role="alert" className="error">
          {resendError}
        </p>
      )}
    </>
  );
}

/** One form of the list, opened: what was sent and what the back office answered. No internal ids. */
export function FormDetail({ entry, related, onClose, onCorrect, onResend, resendError }: Props) {
  const titleId = useId();
  const { submission } = entry;
  return (
    <Modal aria-labelledby={titleId} className="popup form-detail" onClose={onClose}>
      <div className="popup__head">
        <h2 id={titleId}>{formTitle(submission)}</h2>
        <p>
          <strong>{submission.customerName}</strong> · código {submission.customerCode}
          {submission.blockCodes.length > 0 && ` · bloqueo ${submission.blockCodes.join(', ')}`} · escrito{' '}
          {fullTime(entry.createdAt)}
        </p>
      </div>
      <div className="popup__scroll">
        <section aria-labelledby={`${titleId}-sent`}>
          <h3 id={`${titleId}-sent`}>Lo enviado</h3>
          <SentValues entry={entry} related={related} />
        </section>
        <section aria-labelledby={`${titleId}-answer`}>
          <h3 id={`${titleId}-answer`}>Respuesta de la central</h3>
          <Answer entry={entry} onCorrect={onCorrect} onResend={onResend} resendError={resendError} />
        </section>
      </div>
      <footer className="popup__footer">
        <button type="button" onClick={onClose}>
          Cerrar
        </button>
      </footer>
    </Modal>
  );
}
