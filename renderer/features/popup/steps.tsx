import { useCallback, useEffect, useRef, useState, type Ref } from 'react';
import { stepBlockCodes, type PopupStep } from '../../../shared/blocks/popupPlan';
import { isEnabledForOrders, type Customer } from '../../../shared/directory/customer';
import { FORMS } from '../../../shared/forms/fields';
import { SUPERVISOR_REASONS, type SupervisorReason } from '../../../shared/forms/submission';
import { formatDay } from '../../../shared/requirements/dates';
import { BLOCK_PROBLEM_LEAF_ID } from '../../../shared/requirements/typology';
import { isTicketOverdue } from '../../../shared/tickets/ticketHistory';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import type { OutboxEntry } from '../../db/db';
import { selectCall } from '../call';
import { CustomerTable, type SearchHit } from '../search';
import { BlockForm, type BlockFormHandle } from './BlockForm';
import type { CollectionsFormQueued } from './collectionsTransfer';
import { openCustomer, stepCompleted, stepStageChanged, type StepOutcome } from './popupSlice';
import { findDuplicate, useCustomerTickets } from '../tickets';
import { AlreadyTakenAnswer, RecentCaseGuard, repeatedCase, useRecentCases } from './RecentCase';
import { ExistingTicket } from './requirement/ExistingTicket';
import { TicketsFreshness } from './requirement/TicketsFreshness';
import { chileToday } from './requirement/ticketsToday';

export interface StepProps {
  step: PopupStep;
  index: number;
  customer: Customer;
  outcome: StepOutcome | undefined;
}

function useComplete(index: number) {
  const dispatch = useAppDispatch();
  return useCallback(
    (outcome: StepOutcome) => dispatch(stepCompleted({ index, outcome })),
    [dispatch, index],
  );
}

function queuedOutcome(entry: OutboxEntry, label: string): StepOutcome {
  return { kind: 'form-queued', entryId: entry.id, label };
}

const NOTE_LABEL = 'Nota al caso ya ingresado';

export function OutcomeNotice({ outcome }: { outcome: StepOutcome }) {
  const text =
    outcome.kind === 'form-queued'
      ? `${outcome.label}: guardado en este equipo con estado «pendiente»; está en «Formularios».`
      : outcome.kind === 'order-status-given'
        ? 'Se informó al cliente el estado de su pedido.'
        : `El cliente ya tiene el ticket ${outcome.ticketId}: no se creó uno nuevo.`;
  return (
    <p role="status" className="notice notice--ok">
      {text}
    </p>
  );
}

/** Escalation to the supervisor, queued like any other form (seed 000: "informar al supervisor"). */
function SupervisorForm({
  customer,
  codes,
  reason,
  index,
  ticketId,
}: {
  customer: Customer;
  codes: string[];
  reason: SupervisorReason;
  index: number;
  ticketId?: string;
}) {
  const complete = useComplete(index);
  const check = useRecentCases(customer.codigo);
  return (
    <div className="supervisor">
      <p>
        <strong>Motivo:</strong> {SUPERVISOR_REASONS[reason]}
      </p>
      <RecentCaseGuard
        check={check}
        caseKey={{ formId: 'supervisor', blockCodes: codes, supervisorReason: reason }}
        customer={customer}
        index={index}
        onNoteQueued={(entry) => complete(queuedOutcome(entry, NOTE_LABEL))}
      >
        <BlockForm
          formId="supervisor"
          customer={customer}
          blockCodes={codes}
          supervisorReason={reason}
          context={ticketId ? { ticketId } : undefined}
          submitLabel="Informar al supervisor"
          onQueued={(entry) => complete(queuedOutcome(entry, 'Aviso al supervisor'))}
        />
      </RecentCaseGuard>
    </div>
  );
}

function queuedForm(
  step: Extract<PopupStep, { type: 'block' }>,
  customer: Customer,
  index: number,
  complete: (o: StepOutcome) => void,
  ref?: Ref<BlockFormHandle>,
) {
  const formId = step.definition.form;
  if (!formId) return null;
  return (
    <BlockForm
      ref={ref}
      formId={formId}
      customer={customer}
      blockCodes={step.codes}
      submitLabel={step.definition.kind === 'ticket' ? 'Crear ticket' : 'OK'}
      onQueued={(entry) => complete(queuedOutcome(entry, FORMS[formId].title))}
    />
  );
}

const TRANSFER_LABEL = 'Datos para Telecobranzas (transferencia)';

/** Z1 and TC-format codes: open-order alert first, then the two options of the seed. */
export function TelecobranzasStep({
  step,
  index,
  customer,
}: StepProps & { step: Extract<PopupStep, { type: 'block' }> }) {
  const dispatch = useAppDispatch();
  const complete = useComplete(index);
  const alertShown = useAppSelector((s) => s.popup.stages[index] === 'open-order-alert');
  const [stage, setStage] = useState<'options' | 'flag'>('options');
  const [option, setOption] = useState<'datos' | 'transferir'>('datos');
  const [copied, setCopied] = useState(false);
  const { calls, collections } = useServices();
  const telecobranzasNumber = useAppSelector((s) => s.settings.line.telecobranzasNumber);
  const linkedCall = useAppSelector((s) => (s.popup.call ? selectCall(s, s.popup.call.callId) : undefined));
  const inCall = linkedCall?.phase === 'active' || linkedCall?.phase === 'held';
  const check = useRecentCases(customer.codigo);
  const caseKey = { formId: 'telecobranzas', blockCodes: step.codes } as const;
  // A collections case from the last hours: no second form, so nothing for a transfer to queue.
  const formShown = check.phase === 'done' && repeatedCase(check, caseKey) === null;

  const showingAlert = alertShown && step.openOrder !== null;
  // While the form is on screen during the call, a transfer from the pop window queues it first,
  // as option 2 does (whichever option is ticked: the transfer is the agent's choice of option 2).
  const form = useRef<BlockFormHandle>(null);
  const offeredCall =
    !showingAlert && stage === 'options' && formShown && inCall && linkedCall ? linkedCall.id : null;
  useEffect(() => {
    if (!offeredCall) return;
    return collections.offer(offeredCall, async (): Promise<CollectionsFormQueued> => {
      const queued = (await form.current?.queue({ callId: offeredCall })) ?? {
        ok: false,
        reason: 'not-saved',
      };
      if (!queued.ok) return queued;
      complete(queuedOutcome(queued.entry, TRANSFER_LABEL));
      return { ok: true, entryId: queued.entry.id };
    });
  }, [offeredCall, collections, complete]);

  if (showingAlert && step.openOrder) {
    return (
      <section className="alert-box" role="alert" aria-label="Alerta: pedido ingresado">
        <h3>Alerta: pedido ingresado</h3>
        {step.openOrder.script.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <div className="actions">
          <button type="button" className="primary" onClick={() => complete({ kind: 'order-status-given' })}>
            OK
          </button>
          <button type="button" onClick={() => dispatch(stepStageChanged({ index, stage: 'default' }))}>
            Cancelar
          </button>
        </div>
      </section>
    );
  }

  if (stage === 'flag') {
    return (
      <>
        <AlreadyTakenAnswer check={check} caseKey={caseKey} />
        <SupervisorForm customer={customer} codes={step.codes} reason="datos-ya-tomados" index={index} />
      </>
    );
  }

  return (
    <div className="tc">
      <RecentCaseGuard
        check={check}
        caseKey={caseKey}
        customer={customer}
        index={index}
        onNoteQueued={(entry) => complete(queuedOutcome(entry, NOTE_LABEL))}
      >
        <fieldset className="tc__options">
          <legend>Opción de gestión</legend>
          <label>
            <input
              type="radio"
              name="tc-option"
              checked={option === 'datos'}
              onChange={() => setOption('datos')}
            />
            Opción 1: tomar los datos (recomendada)
          </label>
          <label>
            <input
              type="radio"
              name="tc-option"
              checked={option === 'transferir'}
              onChange={() => setOption('transferir')}
            />
            Opción 2: transferir a Telecobranzas ({telecobranzasNumber})
          </label>
        </fieldset>
        {option === 'datos' ? (
          queuedForm(step, customer, index, complete, form)
        ) : inCall && linkedCall ? (
          // The collections form is queued first, whatever the transfer's outcome; its id travels
          // with the call so Telecobranzas sees the same case.
          <BlockForm
            ref={form}
            formId="telecobranzas"
            customer={customer}
            blockCodes={step.codes}
            context={{ callId: linkedCall.id }}
            submitLabel={`Guardar y transferir a Telecobranzas (${telecobranzasNumber})`}
            onQueued={(entry) => {
              complete(queuedOutcome(entry, TRANSFER_LABEL));
              void calls.transfer(linkedCall.id, telecobranzasNumber, { caseId: entry.id });
            }}
          />
        ) : (
          <div className="tc__transfer">
            <p>
              Fono directo de Telecobranzas: <strong className="phone">{telecobranzasNumber}</strong>
            </p>
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(telecobranzasNumber).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              Copiar número
            </button>
            {copied && <span role="status"> Número copiado.</span>}
          </div>
        )}
      </RecentCaseGuard>
      <button type="button" className="link" onClick={() => setStage('flag')}>
        El cliente dice que ya le tomaron los datos
      </button>
    </div>
  );
}

/**
 * Z4: check the customer's tickets (fetched when the pop-up opened, or this workstation's copy)
 * before creating a post-sale ticket «Problema de bloqueo / Fuera de norma» (seed 000).
 */
export function TicketStep({
  step,
  index,
  customer,
}: StepProps & { step: Extract<PopupStep, { type: 'block' }> }) {
  const complete = useComplete(index);
  const tickets = useCustomerTickets(customer.codigo);
  const [escalate, setEscalate] = useState(false);

  if (tickets.tickets === undefined)
    return <p role="status">Revisando el historial de tickets del cliente…</p>;
  const today = chileToday();
  const duplicate = findDuplicate(tickets.tickets, tickets.pending, customer.codigo, BLOCK_PROBLEM_LEAF_ID);

  if (duplicate.kind === 'open-ticket') {
    const { ticket } = duplicate;
    const overdue = isTicketOverdue(ticket, today);
    return (
      <>
        <TicketsFreshness tickets={tickets} />
        <section className={`ticket ${overdue ? 'ticket--overdue' : ''}`} aria-label="Ticket existente">
          <p>
            El cliente ya tiene un ticket «{ticket.typology.item}» abierto: <strong>N.º {ticket.id}</strong>,
            fecha de resolución <strong>{formatDay(ticket.dueDate)}</strong>.
          </p>
          <p>
            <strong>No cree un ticket nuevo.</strong>{' '}
            {overdue
              ? 'La fecha de resolución está vencida y no tiene respuesta: escale con el supervisor.'
              : 'Informe la fecha de resolución al cliente e indíquele que debe esperar.'}
          </p>
          {overdue ? (
            escalate ? (
              <SupervisorForm
                customer={customer}
                codes={step.codes}
                reason="ticket-vencido"
                index={index}
                ticketId={ticket.id}
              />
            ) : (
              <button type="button" className="primary" onClick={() => setEscalate(true)}>
                Escalar al supervisor
              </button>
            )
          ) : (
            <button
              type="button"
              className="primary"
              onClick={() => complete({ kind: 'existing-ticket', ticketId: ticket.id })}
            >
              OK, se informó la fecha
            </button>
          )}
        </section>
      </>
    );
  }

  if (duplicate.kind === 'queued') {
    return (
      <>
        <TicketsFreshness tickets={tickets} />
        <ExistingTicket duplicate={duplicate} today={today} />
      </>
    );
  }

  return (
    <>
      <TicketsFreshness tickets={tickets} />
      <p className="muted">Sin tickets «Problema de bloqueo» abiertos: cree el ticket.</p>
      {queuedForm(step, customer, index, complete)}
    </>
  );
}

function RelatedSearch({
  customer,
  by,
  caption,
  emptyText,
}: {
  customer: Customer;
  by: Array<'address' | 'phone' | 'rut'>;
  caption: string;
  emptyText: string;
}) {
  const dispatch = useAppDispatch();
  const { search } = useServices();
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const byKey = by.join(',');
  useEffect(() => {
    let cancelled = false;
    void search
      .findRelatedCustomers(customer, byKey.split(',') as typeof by)
      .then((found) => !cancelled && setHits(found));
    return () => {
      cancelled = true;
    };
  }, [customer, byKey, search]);

  if (hits === null) return <p role="status">Buscando otros registros…</p>;
  const enabled = hits.filter((hit) => isEnabledForOrders(hit.customer));
  return (
    <div className="related">
      <p role="status">
        {hits.length === 0
          ? emptyText
          : `${hits.length} ${hits.length === 1 ? 'registro encontrado' : 'registros encontrados'}, ${enabled.length} ${enabled.length === 1 ? 'habilitado' : 'habilitados'} para tomar pedidos.`}
      </p>
      {hits.length > 0 && (
        <CustomerTable
          caption={caption}
          hits={hits}
          openLabel="Usar"
          onOpen={(codigo) => void dispatch(openCustomer(codigo))}
        />
      )}
    </div>
  );
}

/** Z3: no form; look for another, enabled record at the same address, phone or RUT. */
export function ChangeOfNameStep({ customer }: StepProps) {
  return (
    <RelatedSearch
      customer={customer}
      by={['address', 'phone', 'rut']}
      caption="Otros registros en la misma dirección, teléfono o RUT"
      emptyText="No se encontró otro registro en la misma dirección, teléfono o RUT: consulte a su supervisor."
    />
  );
}

/** Replaced code ("código bloqueado" = SI): find the new code; if nothing is found, tell the supervisor. */
export function ReplacedStep({
  step,
  index,
  customer,
}: StepProps & { step: Extract<PopupStep, { type: 'replaced' }> }) {
  const dispatch = useAppDispatch();
  const { search } = useServices();
  const [newCustomer, setNewCustomer] = useState<Customer | null | undefined>(undefined);
  const [notFound, setNotFound] = useState(false);
  useEffect(() => {
    let cancelled = false;
    if (step.newCode)
      void search.getCustomer(step.newCode).then((found) => !cancelled && setNewCustomer(found ?? null));
    return () => {
      cancelled = true;
    };
  }, [step.newCode, search]);

  return (
    <div className="replaced">
      {step.newCode && (
        <p>
          Código nuevo registrado: <strong>{step.newCode}</strong>{' '}
          {newCustomer ? (
            <button
              type="button"
              className="primary"
              onClick={() => void dispatch(openCustomer(newCustomer.codigo))}
            >
              Abrir código nuevo {newCustomer.codigo}
            </button>
          ) : newCustomer === null ? (
            <span className="error">(no está en el directorio de este equipo)</span>
          ) : null}
        </p>
      )}
      <RelatedSearch
        customer={customer}
        by={['rut', 'address']}
        caption="Búsqueda del código nuevo por RUT y dirección"
        emptyText="No se encontró otro código por RUT ni dirección."
      />
      {notFound ? (
        <SupervisorForm
          customer={customer}
          codes={stepBlockCodes(step)}
          reason="codigo-reemplazado-sin-nuevo"
          index={index}
        />
      ) : (
        <button type="button" onClick={() => setNotFound(true)}>
          No encontré el código nuevo: informar al supervisor
        </button>
      )}
    </div>
  );
}

export function UnknownCodeStep({ step, index, customer }: StepProps) {
  return (
    <SupervisorForm
      customer={customer}
      codes={stepBlockCodes(step)}
      reason="codigo-desconocido"
      index={index}
    />
  );
}

export function FormStep({
  step,
  index,
  customer,
}: StepProps & { step: Extract<PopupStep, { type: 'block' }> }) {
  const complete = useComplete(index);
  const check = useRecentCases(customer.codigo);
  const formId = step.definition.form;
  if (!formId) return null;
  return (
    <RecentCaseGuard
      check={check}
      caseKey={{ formId, blockCodes: step.codes }}
      customer={customer}
      index={index}
      onNoteQueued={(entry) => complete(queuedOutcome(entry, NOTE_LABEL))}
    >
      {queuedForm(step, customer, index, complete)}
    </RecentCaseGuard>
  );
}
