import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { CALL_OUTCOME_LABEL, isConnected, type CallSnapshot } from '../../../shared/telephony/callState';
import { useServices } from '../../app/servicesContext';
import { useNow } from '../../components/useNow';
import { callDismissed, selectCall, selectCalls, type CallSliceState } from './callSlice';
import { ConsultControls } from './ConsultControls';
import { CopyNumber } from './CopyNumber';
import { formatDuration } from './formatDuration';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
/** Keyboard shortcut of "Transferir a Telecobranzas". */
export const TRANSFER_SHORTCUT = { key: 't', altKey: true, label: 'Alt+T' } as const;

type Root = { call: CallSliceState };

export interface CallControlsProps {
  callId: string;
  /** Telecobranzas direct line (configurable in settings). */
  telecobranzasNumber?: string;
  /** Listen for the transfer shortcut on the window (only on the focused call's controls). */
  shortcut?: boolean;
  /** The form's case id: travels with a transfer to Telecobranzas (X-Companion-Case). */
  caseId?: string | null;
}

/**
 * The buttons of one call: answer/reject while ringing, then hang up, hold, mute, keypad, transfer
 * (blind to Telecobranzas, or attended after a consult). A companion-mode call is not ours to
 * handle: it shows the Telecobranzas number to copy instead.
 */
export function CallControls({
  callId,
  telecobranzasNumber = TELECOBRANZAS_NUMBER,
  shortcut = true,
  caseId = null,
}: CallControlsProps) {
  const call = useSelector((root: Root) => selectCall(root, callId));
  // Call waiting: is the agent already talking on another call?
  const otherConnected = useSelector((root: Root) =>
    selectCalls(root).some((c) => c.id !== callId && (isConnected(c) || c.phase === 'connecting')),
  );
  const dispatch = useDispatch();
  const { calls } = useServices();
  const connected = call?.phase === 'active' || call?.phase === 'held';
  const now = useNow(connected ? 1000 : null);
  const [keypad, setKeypad] = useState(false);
  const canTransfer = connected && !call?.consult && call?.consultFor === null;

  useEffect(() => {
    if (!shortcut || !canTransfer) return;
    const onKey = (event: KeyboardEvent) => {
      if (
        event.altKey === TRANSFER_SHORTCUT.altKey &&
        (event.code === 'KeyT' || event.key.toLowerCase() === TRANSFER_SHORTCUT.key)
      ) {
        event.preventDefault();
        void calls.transfer(callId, telecobranzasNumber, { caseId });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut, canTransfer, callId, telecobranzasNumber, caseId, calls]);

  if (!call) return null;

  const note = call.note && <span className="call-controls__note">{call.note}</span>;

  if (call.companion) {
    return (
      <div className="call-controls call-controls--companion" data-call-phase={call.phase}>
        <span>
          {call.phase === 'ended'
            ? `Llamada ${outcomeText(call, telecobranzasNumber)}`
            : 'Suena en su otro equipo: conteste allí'}
        </span>
        {/* Not in the call: the agent transfers it on the other device. */}
        <CopyNumber label="Telecobranzas" number={telecobranzasNumber} />
        {note}
        {call.phase === 'ended' && (
          <button type="button" onClick={() => dispatch(callDismissed(call.id))}>
            Cerrar
          </button>
        )}
      </div>
    );
  }

  if (call.phase === 'ended') {
    return (
      <div className="call-controls call-controls--ended" data-call-phase="ended">
        <span>Llamada {outcomeText(call, telecobranzasNumber)}</span>
        {note}
        <button type="button" onClick={() => dispatch(callDismissed(call.id))}>
          Cerrar
        </button>
      </div>
    );
  }

  if (call.phase === 'ringing') {
    return (
      <div className="call-controls call-controls--ringing" data-call-phase="ringing">
        {call.direction === 'incoming' ? (
          <>
            {otherConnected && (
              <span className="call-controls__waiting">
                Llamada en espera: contestar pone en espera la actual
              </span>
            )}
            <button
              type="button"
              className="call-controls__answer"
              onClick={() => void calls.answer(call.id)}
            >
              Contestar
            </button>
            <button
              type="button"
              className="call-controls__reject"
              onClick={() => void calls.reject(call.id)}
            >
              Rechazar
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void calls.hangup(call.id)}>
            Cancelar
          </button>
        )}
        {note}
      </div>
    );
  }

  if (call.phase === 'connecting') {
    return (
      <div className="call-controls" data-call-phase="connecting">
        <span>Conectando…</span>
      </div>
    );
  }

  const held = call.phase === 'held';
  const transfer = call.transfer;
  return (
    <div className="call-controls call-controls--connected" data-call-phase={call.phase}>
      <span className="call-controls__timer" aria-label="Duración de la llamada">
        {formatDuration(now - (call.answeredAt ?? now))}
      </span>
      {held && <span>En espera</span>}
      {call.lineLost && <span className="call-controls__line-lost">Sin conexión con la central</span>}
      <button type="button" onClick={() => void calls.hangup(call.id)}>
        Colgar
      </button>
      <button
        type="button"
        aria-pressed={held}
        disabled={call.consult !== null}
        onClick={() => void (held ? calls.resume(call.id) : calls.hold(call.id))}
      >
        {held ? 'Retomar' : 'En espera'}
      </button>
      <button type="button" aria-pressed={call.muted} onClick={() => calls.setMuted(call.id, !call.muted)}>
        {call.muted ? 'Activar micrófono' : 'Silenciar'}
      </button>
      <button type="button" aria-expanded={keypad} onClick={() => setKeypad(!keypad)}>
        Teclado
      </button>
      {call.consultFor === null && (
        <button
          type="button"
          aria-keyshortcuts={TRANSFER_SHORTCUT.label}
          disabled={transfer?.status === 'pending' || call.consult !== null}
          onClick={() => void calls.transfer(call.id, telecobranzasNumber, { caseId })}
        >
          Transferir a Telecobranzas
        </button>
      )}
      {call.consultFor === null && <ConsultControls call={call} />}
      {keypad && (
        <div role="group" aria-label="Teclado" className="call-controls__keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" onClick={() => calls.sendDtmf(call.id, key)}>
              {key}
            </button>
          ))}
        </div>
      )}
      {transfer && (
        <span className={`call-controls__transfer call-controls__transfer--${transfer.status}`} role="alert">
          {transfer.status === 'pending' && `Transfiriendo a ${transfer.target}…`}
          {transfer.status === 'failed' && `No se transfirió a ${transfer.target}: ${transfer.reason ?? ''}`}
          {transfer.status === 'accepted' && `Transferida a ${transfer.target}`}
        </span>
      )}
      {note}
    </div>
  );
}

function outcomeText(call: CallSnapshot, telecobranzasNumber: string): string {
  if (call.outcome === 'transferred' && call.transfer?.target === telecobranzasNumber)
    return 'transferida a Telecobranzas';
  if (call.outcome === 'transferred') return `transferida a ${call.transfer?.target ?? ''}`;
  return call.outcome ? CALL_OUTCOME_LABEL[call.outcome] : '';
}
