import { useState, type FormEvent } from 'react';
import { useSelector } from 'react-redux';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import { useServices } from '../../app/servicesContext';
import { selectCall, type CallSliceState } from './callSlice';

/**
 * Attended transfer on a customer's call: "Consultar…" (the customer on hold, a call to a number),
 * then "Completar transferencia" or "Volver al cliente".
 */
export function ConsultControls({ call }: { call: CallSnapshot }) {
  const consult = useSelector((root: { call: CallSliceState }) =>
    call.consult ? selectCall(root, call.consult.callId) : undefined,
  );
  const { calls } = useServices();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<{ ok: boolean; reason?: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (!result.ok) setError(result.reason ?? 'No se pudo.');
      return result.ok;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => calls.consult(call.id, number))) {
      setOpen(false);
      setNumber('');
    }
  };

  if (call.consult) {
    const talking = consult?.phase === 'active' || consult?.phase === 'held';
    const pending = call.transfer?.kind === 'attended' && call.transfer.status === 'pending';
    return (
      <div className="consult" role="group" aria-label="Consulta">
        <span className="consult__state">
          {talking ? `En consulta con ${call.consult.target}` : `Llamando a ${call.consult.target}…`} — el
          cliente está en espera
        </span>
        <button
          type="button"
          disabled={!talking || busy || pending}
          onClick={() => void run(() => calls.completeTransfer(call.id))}
        >
          Completar transferencia
        </button>
        <button
          type="button"
          disabled={busy || pending}
          onClick={() => void run(() => calls.returnToCustomer(call.id))}
        >
          Volver al cliente
        </button>
        {error && <span className="consult__error">{error}</span>}
      </div>
    );
  }

  return (
    <div className="consult">
      <button type="button" aria-expanded={open} disabled={busy} onClick={() => setOpen(!open)}>
        Consultar…
      </button>
      {open && (
        <form onSubmit={(event) => void submit(event)} className="consult__form">
          <label>
            Número a consultar
            <input
              value={number}
              onChange={(event) => setNumber(event.target.value)}
              inputMode="tel"
              autoComplete="off"
              required
            />
          </label>
          <button type="submit" disabled={busy || number.trim() === ''}>
            Llamar
          </button>
        </form>
      )}
      {error && <span className="consult__error">{error}</span>}
    </div>
  );
}
