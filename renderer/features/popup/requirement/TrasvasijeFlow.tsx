import { useId, useState } from 'react';
import type { Customer } from '../../../../shared/directory/customer';
import {
  TRASVASIJE_CHECK,
  TRASVASIJE_OTHERWISE,
  TRASVASIJE_STEPS,
  TRASVASIJE_STEP_IDS,
  formatBalance,
  trasvasijeBackingTickets,
  type TrasvasijeStepId,
} from '../../../../shared/requirements/trasvasije';
import type { TicketLeaf } from '../../../../shared/requirements/typology';
import type { TicketSummary } from '../../../../shared/tickets/ticketHistory';
import type { OutboxEntry } from '../../../db/db';
import { BlockForm } from '../BlockForm';

/**
 * Seed 001, "Devolución por trasvasije de gas": with a resolved ticket holding an approved balance
 * the agent walks steps a–d (recorded, with the order number and the mailbox given); without one,
 * `otherwise` (the post-sale ticket form) is shown.
 */
export function TrasvasijeFlow({
  leaf,
  customer,
  tickets,
  otherwise,
  onQueued,
}: {
  leaf: TicketLeaf;
  customer: Customer;
  tickets: readonly TicketSummary[];
  otherwise: React.ReactNode;
  onQueued: (entry: OutboxEntry) => void;
}) {
  const name = useId();
  const backing = trasvasijeBackingTickets(tickets);
  const [chosen, setChosen] = useState<string | null>(backing.length === 1 ? backing[0]!.id : null);
  const [done, setDone] = useState<Set<TrasvasijeStepId>>(new Set());
  const ticket = backing.find((t) => t.id === chosen) ?? null;

  if (backing.length === 0) {
    return (
      <>
        <p className="notice notice--warn">
          {TRASVASIJE_CHECK} El cliente no tiene un ticket con saldo a favor aprobado. {TRASVASIJE_OTHERWISE}
        </p>
        {otherwise}
      </>
    );
  }
  const mailbox = ticket?.resolution?.replyMailbox ?? null;
  return (
    <div className="trasvasije">
      <p className="muted">{TRASVASIJE_CHECK}</p>
      <fieldset className="earlier">
        <legend>Ticket con saldo a favor aprobado</legend>
        {backing.map((t) => (
          <label key={t.id} className="earlier__option">
            <input
              type="radio"
              name={name}
              checked={chosen === t.id}
              onChange={() => {
                setChosen(t.id);
                setDone(new Set());
              }}
            />
            <span>
              <strong>N.º {t.id}</strong> · saldo a favor {formatBalance(t.resolution!.balance)} · respuesta:
              «{t.resolution!.answer}»
            </span>
          </label>
        ))}
      </fieldset>
      {ticket && mailbox && (
        <>
          <fieldset className="trasvasije__steps">
            <legend>Pasos (márquelos a medida que los hace)</legend>
            {TRASVASIJE_STEPS.map((step) => (
              <label key={step.id} className="trasvasije__step">
                <input
                  type="checkbox"
                  checked={done.has(step.id)}
                  onChange={(event) =>
                    setDone((current) => {
                      const next = new Set(current);
                      if (event.target.checked) next.add(step.id);
                      else next.delete(step.id);
                      return next;
                    })
                  }
                />
                <span>
                  <strong>{step.id}.</strong> {step.text}
                  {step.id === 'b' && (
                    <>
                      {' '}
                      Número: <strong>{ticket.id}</strong>.
                    </>
                  )}
                  {step.id === 'c' && (
                    <>
                      {' '}
                      Correo: <strong>{mailbox}</strong>.
                    </>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
          <BlockForm
            formId="trasvasije"
            customer={customer}
            blockCodes={[]}
            submitLabel="Registrar devolución"
            requirement={{
              typeId: leaf.id,
              relatedTicketId: ticket.id,
              walkthrough: {
                steps: [...TRASVASIJE_STEP_IDS].filter((s) => done.has(s)),
                mailboxGiven: mailbox,
              },
            }}
            beforeSubmit={() => {
              const missing = TRASVASIJE_STEP_IDS.filter((s) => !done.has(s));
              return missing.length > 0 ? `Marque los pasos que faltan: ${missing.join(', ')}.` : null;
            }}
            onQueued={onQueued}
          />
        </>
      )}
    </div>
  );
}
