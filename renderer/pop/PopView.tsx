import { useEffect, useRef, useState } from 'react';
import type { PopActionKind, PopCard, RendererBridge } from '../../shared/ipc/contract';

export type PopBridge = Pick<
  RendererBridge,
  'popCurrent' | 'popAct' | 'popOpenMain' | 'popDismiss' | 'on' | 'log'
>;

const PHASE_TITLE: Record<PopCard['phase'], string> = {
  ringing: 'Llamada entrante',
  connecting: 'Conectando…',
  active: 'En llamada',
  held: 'En espera',
  ended: 'Llamada terminada',
};

function who(card: PopCard): string {
  if (card.customerName) return card.customerName;
  if (!card.identified) return 'Buscando en el directorio…';
  if (card.candidates > 1) return `${card.candidates} clientes con este número`;
  return 'No está en el directorio';
}

/**
 * The always-on-top pop-up: who is calling and their blocks, with Contestar / Rechazar /
 * Transferir a Telecobranzas. The buttons act on the main window's call (through main).
 */
export function PopView({ bridge }: { bridge: PopBridge }) {
  const [card, setCard] = useState<PopCard | null>(null);
  const [busy, setBusy] = useState(false);
  const primary = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    const off = bridge.on('popCard', (next) => {
      setCard(next);
      setBusy(false);
    });
    // After a reload the card is asked for; an event that arrives first wins.
    void bridge.popCurrent().then((current) => {
      if (live) setCard((shown) => shown ?? current);
    });
    return () => {
      live = false;
      off();
    };
  }, [bridge]);

  // When the agent brings the pop up with the shortcut, the keyboard lands on the likely button.
  useEffect(() => {
    const onFocus = () => primary.current?.focus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  // Escape puts the pop away wherever the focus is (a pressed button may be disabled by then).
  const callId = card?.callId ?? null;
  useEffect(() => {
    if (!callId) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void bridge.popDismiss(callId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, callId]);

  if (!card) return <main className="pop pop--empty" aria-label="Sin llamada" />;

  const act = (action: PopActionKind) => {
    setBusy(true);
    bridge.popAct({ callId: card.callId, action }).catch((error: unknown) => {
      setBusy(false);
      bridge.log('warn', 'pop action failed', { action, error: String(error) }).catch(() => undefined);
    });
  };
  const ringing = card.phase === 'ringing' && card.canAnswer;

  return (
    <main className={`pop pop--${card.phase}`} aria-labelledby="pop-title">
      <header className="pop__header">
        <h1 id="pop-title">{PHASE_TITLE[card.phase]}</h1>
        <button type="button" className="pop__close" onClick={() => void bridge.popDismiss(card.callId)}>
          Ocultar
        </button>
      </header>
      <p className="pop__caller" aria-live="polite">
        <strong>{who(card)}</strong>
        {card.customerCode && <span className="pop__code"> · {card.customerCode}</span>}
        <span className="pop__number">{card.callerLabel}</span>
      </p>
      {card.blocks.length > 0 ? (
        <ul className="pop__blocks" aria-label="Bloqueos">
          {card.blocks.map((block) => (
            <li key={block}>{block}</li>
          ))}
        </ul>
      ) : (
        <p className="pop__noblocks">Sin bloqueos</p>
      )}
      {card.notice && (
        <p className="pop__notice" role="status">
          {card.notice}
        </p>
      )}
      <div className="pop__actions">
        {ringing && (
          <>
            <button
              ref={primary}
              type="button"
              className="pop__answer"
              disabled={busy}
              onClick={() => act('answer')}
            >
              Contestar
            </button>
            <button type="button" className="pop__reject" disabled={busy} onClick={() => act('reject')}>
              Rechazar
            </button>
          </>
        )}
        <button
          ref={ringing ? undefined : primary}
          type="button"
          disabled={busy || !card.canTransfer}
          title={
            !card.canTransfer
              ? 'Se puede transferir una vez contestada la llamada'
              : card.transferQueuesForm
                ? 'Guarda primero los datos para Telecobranzas de la ventana principal; el caso viaja con la llamada'
                : undefined
          }
          onClick={() => act('transfer')}
        >
          {card.transferQueuesForm
            ? 'Guardar datos y transferir a Telecobranzas'
            : 'Transferir a Telecobranzas'}
        </button>
        <button type="button" className="pop__open" onClick={() => void bridge.popOpenMain()}>
          Abrir ficha
        </button>
      </div>
    </main>
  );
}
