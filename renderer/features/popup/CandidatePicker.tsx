import { useId } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { Modal } from '../../components/Modal';
import { CustomerTable, runSearch } from '../search';
import { CallBar } from './CallBar';
import { candidatesDismissed, customerShown } from './popupSlice';

/** Several directory records answer to the caller's number: the agent picks the one on the line. */
export function CandidatePicker() {
  const dispatch = useAppDispatch();
  const { call, candidates } = useAppSelector((s) => s.popup);
  const { callLog } = useServices();
  const titleId = useId();
  if (!call || candidates.length < 2) return null;
  return (
    <Modal
      aria-labelledby={titleId}
      className="popup popup--picker"
      onClose={() => dispatch(candidatesDismissed())}
    >
      <div className="popup__head">
        <CallBar />
        <h2 id={titleId}>Varios clientes para {call.callerLabel}</h2>
        <p>Pregunte al cliente su RUT o dirección y elija su registro.</p>
      </div>
      <div className="popup__scroll">
        <CustomerTable
          caption={`${candidates.length} clientes con este número`}
          hits={candidates.map((customer) => ({ customer, matchedBy: ['phone'] }))}
          openLabel="Elegir"
          onOpen={(codigo) => {
            const chosen = candidates.find((c) => c.codigo === codigo);
            if (!chosen) return;
            dispatch(customerShown(chosen));
            void callLog.setCallCustomer(call.callId, chosen.codigo, chosen.bloqueos, chosen.nombre);
          }}
        />
      </div>
      <footer className="popup__footer">
        <button
          type="button"
          onClick={() => {
            dispatch(candidatesDismissed());
            if (call.callerLabel.startsWith('+')) void dispatch(runSearch(call.callerLabel));
          }}
        >
          Ninguno de estos: buscar
        </button>
      </footer>
    </Modal>
  );
}
