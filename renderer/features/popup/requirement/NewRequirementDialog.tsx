import { useEffect, useId, useRef, useState } from 'react';
import { leafPath, type TypologyLeaf } from '../../../../shared/requirements/typology';
import { displayRut } from '../../../../shared/validation/rut';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import type { OutboxEntry } from '../../../db/db';
import { useServices } from '../../../app/servicesContext';
import { useCustomerTickets } from '../../tickets';
import { requirementClosed } from '../popupSlice';
import { GuidanceView } from './GuidanceView';
import { LeafPicker } from './LeafPicker';
import { TicketRequirement } from './TicketRequirement';
import { chileToday } from './ticketsToday';
import './requirement.css';
import type { Customer } from '../../../../shared/directory/customer';

/** Keyboard shortcut of "Nuevo requerimiento" (anywhere in the desk). */
export const REQUIREMENT_SHORTCUT = { key: 'r', altKey: true, label: 'Alt+R' } as const;

/**
 * "Nuevo requerimiento": a modal (<dialog>: focus stays inside, Esc closes, focus returns) over
 * the customer card or pop-up. Choose a leaf, then either its guidance or its ticket.
 */
export function NewRequirementDialog() {
  const dispatch = useAppDispatch();
  const open = useAppSelector((s) => s.popup.requirementOpen);
  const customer = useAppSelector((s) => s.popup.customer);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="requirement"
      aria-labelledby={titleId}
      onClose={() => dispatch(requirementClosed())}
    >
      <header className="requirement__header">
        <h2 id={titleId}>Nuevo requerimiento</h2>
        {customer && (
          <p className="muted">
            <strong>{customer.nombre}</strong> · código {customer.codigo} · RUT {displayRut(customer.rut)}
          </p>
        )}
      </header>
      {open &&
        (customer ? (
          <RequirementBody key={customer.codigo} customer={customer} />
        ) : (
          <p className="notice notice--warn">Primero busque y abra la ficha del cliente.</p>
        ))}
      <footer className="requirement__footer">
        <button type="button" onClick={() => dispatch(requirementClosed())}>
          Cerrar
        </button>
      </footer>
    </dialog>
  );
}

function RequirementBody({ customer }: { customer: Customer }) {
  const [leaf, setLeaf] = useState<TypologyLeaf | null>(null);
  const [queued, setQueued] = useState<{ entry: OutboxEntry; leaf: TypologyLeaf } | null>(null);
  const tickets = useCustomerTickets(customer.codigo);
  const { platform } = useServices();
  const today = chileToday();
  const bodyRef = useRef<HTMLDivElement>(null);
  // The list the agent typed in is gone once a leaf is chosen: focus moves to what replaced it.
  useEffect(() => {
    if (leaf || queued) bodyRef.current?.focus();
  }, [leaf, queued]);

  if (queued) {
    return (
      <div className="requirement__body" ref={bodyRef} tabIndex={-1}>
        <p role="status" className="notice notice--ok">
          «{leafPath(queued.leaf)}» guardado en este equipo con estado «pendiente». Al llegar a la central se
          abre el ticket: su número y fecha de resolución aparecerán en «Formularios».
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setQueued(null);
              setLeaf(null);
            }}
          >
            Otro requerimiento
          </button>
        </div>
      </div>
    );
  }

  if (!leaf) {
    return (
      <div className="requirement__body">
        <LeafPicker onChoose={setLeaf} />
      </div>
    );
  }

  return (
    <div className="requirement__body" ref={bodyRef} tabIndex={-1} aria-label={leafPath(leaf)}>
      <button type="button" className="link" onClick={() => setLeaf(null)}>
        ‹ Elegir otra tipificación
      </button>
      {leaf.outcome.kind === 'guidance' ? (
        <GuidanceView
          leaf={{ ...leaf, outcome: leaf.outcome }}
          // The platform port, not Electron's shell: main opens only allow-listed links (shared/security/externalLinks.ts).
          openExternal={(url) => platform.openExternal(url)} // eng-disable OPEN_EXTERNAL_JS_CHECK
        />
      ) : (
        <TicketRequirement
          leaf={{ ...leaf, outcome: leaf.outcome }}
          customer={customer}
          tickets={tickets}
          today={today}
          onQueued={(entry) => setQueued({ entry, leaf })}
        />
      )}
    </div>
  );
}
