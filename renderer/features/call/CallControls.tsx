import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { CALL_OUTCOME_LABEL, type CallSnapshot } from '../../../shared/telephony/callState';
import {
  answerCall,
  hangupCall,
  holdCall,
  rejectCall,
  resumeCall,
  sendCallDtmf,
  setCallMuted,
  transferCall,
} from './callCommands';
import { callDismissed, selectCall, type CallSliceState } from './callSlice';
import { formatDuration, useNow } from './useNow';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
/** Keyboard shortcut of "Transferir a Telecobranzas". */
export const TRANSFER_SHORTCUT = { key: 't', altKey: true, label: 'Alt+T' } as const;

export interface CallControlsProps {
  callId: string;
  /** Telecobranzas direct line (configurable in settings). */
  telecobranzasNumber?: string;
  /** Listen for the transfer shortcut on the window (only on the focused call's controls). */
  shortcut?: boolean;
}

/** The buttons of one call: answer/reject while ringing, then hang up, hold, mute, keypad, transfer. */
export function CallControls({
  callId,
  telecobranzasNumber = TELECOBRANZAS_NUMBER,
  shortcut = true,
}: CallControlsProps) {
  const call = useSelector((root: { call: CallSliceState }) => selectCall(root, callId));
  const dispatch = useDispatch();
  const connected = call?.phase === 'active' || call?.phase === 'held';
  const now = useNow(connected ? 1000 : null);
  const [keypad, setKeypad] = useState(false);

  useEffect(() => {
    if (!shortcut || !connected) return;
    const onKey = (event: KeyboardEvent) => {
      if (
        event.altKey === TRANSFER_SHORTCUT.altKey &&
        (event.code === 'KeyT' || event.key.toLowerCase() === TRANSFER_SHORTCUT.key)
      ) {
        event.preventDefault();
        void transferCall(callId, telecobranzasNumber);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut, connected, callId, telecobranzasNumber]);

  if (!call) return null;

  if (call.phase === 'ended') {
    return (
      <div className="call-controls call-controls--ended" data-call-phase="ended">
        <span>Llamada {outcomeText(call, telecobranzasNumber)}</span>
        {call.note && <span className="call-controls__note">{call.note}</span>}
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
            <button type="button" className="call-controls__answer" onClick={() => void answerCall(call.id)}>
              Contestar
            </button>
            <button type="button" className="call-controls__reject" onClick={() => void rejectCall(call.id)}>
              Rechazar
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void hangupCall(call.id)}>
            Cancelar
          </button>
        )}
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
      <button type="button" onClick={() => void hangupCall(call.id)}>
        Colgar
      </button>
      <button
        type="button"
        aria-pressed={held}
        onClick={() => void (held ? resumeCall(call.id) : holdCall(call.id))}
      >
        {held ? 'Retomar' : 'En espera'}
      </button>
      <button type="button" aria-pressed={call.muted} onClick={() => setCallMuted(call.id, !call.muted)}>
        {call.muted ? 'Activar micrófono' : 'Silenciar'}
      </button>
      <button type="button" aria-expanded={keypad} onClick={() => setKeypad(!keypad)}>
        Teclado
      </button>
      <button
        type="button"
        aria-keyshortcuts={TRANSFER_SHORTCUT.label}
        disabled={transfer?.status === 'pending'}
        onClick={() => void transferCall(call.id, telecobranzasNumber)}
      >
        Transferir a Telecobranzas
      </button>
      {keypad && (
        <div role="group" aria-label="Teclado" className="call-controls__keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" onClick={() => sendCallDtmf(call.id, key)}>
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
      {call.note && <span className="call-controls__note">{call.note}</span>}
    </div>
  );
}

function outcomeText(call: CallSnapshot, telecobranzasNumber: string): string {
  if (call.outcome === 'transferred' && call.transfer?.target === telecobranzasNumber)
    return 'transferida a Telecobranzas';
  if (call.outcome === 'transferred') return `transferida a ${call.transfer?.target ?? ''}`;
  return call.outcome ? CALL_OUTCOME_LABEL[call.outcome] : '';
}
