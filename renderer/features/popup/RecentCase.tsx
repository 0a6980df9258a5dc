import { useEffect, useId, useLayoutEffect, useState, type ReactNode } from 'react';
import type { Customer } from '../../../shared/directory/customer';
import {
  duplicatesOf,
  DUPLICATE_WINDOW_HOURS,
  type CaseKey,
  type RecentCase,
} from '../../../shared/forms/duplicates';
import { FORMS } from '../../../shared/forms/fields';
import { formatDay } from '../../../shared/requirements/dates';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { Modal } from '../../components/Modal';
import type { OutboxEntry } from '../../db/db';
import { FormDetail, fullTime, listTime, type SyncedOutboxEntry } from '../outbox';
import { BlockForm } from './BlockForm';
import { recentCaseStageChanged, recentCaseStageLeft } from './popupSlice';

export type RecentCheck =
  { phase: 'checking' } | { phase: 'done'; cases: RecentCase[]; centralChecked: boolean; checkedAt: number };

/**
 * This customer's cases of the last hours (this workstation's queue, and every workstation's when
 * the back office answers within its short deadline), asked once per pop-up shown.
 */
export function useRecentCases(customerCode: string): RecentCheck {
  const { recentCases } = useServices();
  const [check, setCheck] = useState<RecentCheck>({ phase: 'checking' });
  useEffect(() => {
    let cancelled = false;
    setCheck({ phase: 'checking' });
    recentCases(customerCode).then(
      (found) => !cancelled && setCheck({ phase: 'done', ...found, checkedAt: Date.now() }),
      // This workstation's own queue could not be read: nothing to show, the form is offered.
      () =>
        !cancelled && setCheck({ phase: 'done', cases: [], centralChecked: false, checkedAt: Date.now() }),
    );
    return () => {
      cancelled = true;
    };
  }, [customerCode, recentCases]);
  return check;
}

/** The newest recent case a new form of `key` would repeat, if any. */
export function repeatedCase(check: RecentCheck, key: CaseKey): RecentCase | null {
  if (check.phase !== 'done') return null;
  return duplicatesOf(key, check.cases, check.checkedAt)[0] ?? null;
}

const STATUS_TEXT: Record<RecentCase['status'], string> = {
  pendiente: 'pendiente: guardado en este equipo, aún no llega a la central',
  recibido: 'recibido por la central',
  enviado: 'enviado al área',
  rechazado: 'rechazado por la central',
};

/** "hoy a las 14:05" / "el 01-12 a las 23:10". */
function when(iso: string): string {
  const time = listTime(iso);
  return /^\d{2}:\d{2}$/.test(time) ? `hoy a las ${time}` : `el ${time.replace(' ', ' a las ')}`;
}

function who(recent: RecentCase): string {
  if (recent.source === 'este-equipo') return 'tomado en este equipo';
  return recent.agentName ? `tomado por ${recent.agentName}` : 'tomado en otro equipo';
}

/** One line that says which case, when, where it stands and who took it. */
export function RecentCaseFacts({ recent }: { recent: RecentCase }) {
  return (
    <>
      <strong>{FORMS[recent.formId].title}</strong>, {when(recent.createdAt)} ({who(recent)}), estado «
      {STATUS_TEXT[recent.status]}».
      {recent.ticket && (
        <>
          {' '}
          Ticket <strong>{recent.ticket.id}</strong>, fecha de resolución{' '}
          <strong>{formatDay(recent.ticket.dueDate)}</strong>.
        </>
      )}
    </>
  );
}

/** «Ver»: this workstation's copy (what was sent, the answer), or what the back office told of it. */
function RecentCaseView({ recent, onClose }: { recent: RecentCase; onClose: () => void }) {
  const { outbox } = useServices();
  const titleId = useId();
  const [local, setLocal] = useState<SyncedOutboxEntry | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    void outbox.formsOfCustomer(recent.customerCode).then(
      (entries) => !cancelled && setLocal(entries.find((entry) => entry.id === recent.id) ?? null),
      () => !cancelled && setLocal(null),
    );
    return () => {
      cancelled = true;
    };
  }, [outbox, recent]);
  if (local === undefined) return null;
  if (local)
    return (
      <FormDetail
        entry={local}
        related={undefined}
        onClose={onClose}
        onCorrect={() => undefined}
        onResend={() => undefined}
        resendError={null}
      />
    );
  return (
    <Modal aria-labelledby={titleId} className="popup form-detail" onClose={onClose}>
      <div className="popup__head">
        <h2 id={titleId}>{FORMS[recent.formId].title}</h2>
      </div>
      <div className="popup__scroll">
        <p>
          <RecentCaseFacts recent={recent} />
        </p>
        <p className="muted">
          Tomado en otro equipo ({fullTime(recent.createdAt)}): sus datos los tiene la central y el área.
        </p>
      </div>
      <footer className="popup__footer">
        <button type="button" onClick={onClose}>
          Cerrar
        </button>
      </footer>
    </Modal>
  );
}

/**
 * The same customer and block already have a case from the last hours: show it and offer «Ver» and
 * «Agregar nota», never a second case (seed 000: a customer who says the data was already taken
 * is not given another form). A note goes to the same area, tied to the case.
 */
export function RecentCaseNotice({
  recent,
  customer,
  index,
  onNoteQueued,
}: {
  recent: RecentCase;
  customer: Customer;
  /** The pop-up step it stands in: its «Acción» line says what these buttons do. */
  index: number;
  onNoteQueued: (entry: OutboxEntry) => void;
}) {
  const dispatch = useAppDispatch();
  const [noting, setNoting] = useState(false);
  const [viewing, setViewing] = useState(false);
  const formTitle = FORMS[recent.formId].title;
  const at = when(recent.createdAt);
  // Layout effects: the «Acción» line changes in the same paint as the buttons below it.
  useLayoutEffect(() => {
    dispatch(
      recentCaseStageChanged({
        index,
        stage: { kind: 'recent-case', formTitle, when: at, status: recent.status, noting },
      }),
    );
  }, [dispatch, index, formTitle, at, recent.status, noting]);
  useLayoutEffect(() => () => void dispatch(recentCaseStageLeft(index)), [dispatch, index]);
  return (
    <section className="recent-case" aria-label="Caso ya ingresado">
      <p>
        Este cliente ya tiene un caso por este bloqueo: <RecentCaseFacts recent={recent} />
      </p>
      <p>
        <strong>No ingrese un caso nuevo.</strong> Si el cliente dice que ya le tomaron los datos, es este
        caso; si trae algo nuevo, agréguelo como nota al mismo caso.
      </p>
      <div className="recent-case__actions">
        <button type="button" onClick={() => setViewing(true)}>
          Ver
        </button>
        {!noting && (
          <button type="button" className="primary" onClick={() => setNoting(true)}>
            Agregar nota
          </button>
        )}
      </div>
      {noting && (
        <BlockForm
          formId="nota"
          customer={customer}
          blockCodes={recent.blockCodes}
          context={{ relatedFormId: recent.id }}
          submitLabel="Enviar nota"
          onQueued={onNoteQueued}
        />
      )}
      {viewing && <RecentCaseView recent={recent} onClose={() => setViewing(false)} />}
    </section>
  );
}

/** A form, unless it would repeat a recent case: then that case, with «Ver» and «Agregar nota». */
export function RecentCaseGuard({
  check,
  caseKey,
  customer,
  index,
  onNoteQueued,
  children,
}: {
  check: RecentCheck;
  caseKey: CaseKey;
  customer: Customer;
  index: number;
  onNoteQueued: (entry: OutboxEntry) => void;
  children: ReactNode;
}) {
  const dispatch = useAppDispatch();
  const checking = check.phase === 'checking';
  const recent = repeatedCase(check, caseKey);
  const hasRecent = recent !== null;
  const worded = useAppSelector((s) => s.popup.guards[index]?.kind);
  // While it checks there is no button yet: the «Acción» line says so, from the first paint on (a
  // layout effect, never a frame with the OK wording; a pop-up opens with it already, see
  // opensOnRecentCheck). An earlier case: the notice words it itself.
  useLayoutEffect(() => {
    if (checking) {
      if (worded !== 'recent-check')
        dispatch(recentCaseStageChanged({ index, stage: { kind: 'recent-check' } }));
    } else if (!hasRecent) dispatch(recentCaseStageLeft(index));
  }, [dispatch, index, checking, hasRecent, worded]);
  useLayoutEffect(() => () => void dispatch(recentCaseStageLeft(index)), [dispatch, index]);
  if (checking) return <p role="status">Revisando si el cliente ya tiene un caso de las últimas horas…</p>;
  if (!recent) return <>{children}</>;
  return <RecentCaseNotice recent={recent} customer={customer} index={index} onNoteQueued={onNoteQueued} />;
}

/** What the app itself knows when the customer says the data was already taken. */
export function AlreadyTakenAnswer({ check, caseKey }: { check: RecentCheck; caseKey: CaseKey }) {
  if (check.phase === 'checking') return null;
  const recent = repeatedCase(check, caseKey);
  return (
    <p role="status" className={recent ? 'notice notice--ok' : 'notice notice--warn'}>
      {recent ? (
        <>
          Consta: <RecentCaseFacts recent={recent} />
        </>
      ) : (
        `No consta un caso de este cliente por este bloqueo en las últimas ${DUPLICATE_WINDOW_HOURS} horas en este equipo${
          check.centralChecked
            ? ' ni en la central'
            : ' (la central no respondió: podría estar en otro equipo)'
        }.`
      )}
    </p>
  );
}
