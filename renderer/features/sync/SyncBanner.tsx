import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { useNow } from '../../components/useNow';
import { panelToggled, SignInPanel } from '../session';
import { bannerView } from './bannerText';
import './sync.css';

/**
 * The state of the queue and of the connection, always visible: "Sin conexión con la central — 3
 * formularios en cola, el más antiguo hace 12 min", "Reintentar central", and the sign-in panel.
 */
export function SyncBanner() {
  const dispatch = useAppDispatch();
  const { outbox, sender } = useServices();
  const sync = useAppSelector((s) => s.sync);
  const session = useAppSelector((s) => s.session);
  const stats = useLiveQuery(() => outbox.queueStats(), [outbox]);
  const now = useNow(1_000);
  const panelButton = useRef<HTMLButtonElement>(null);

  const configured = session.status !== 'signed-out' || sync.serverUrl !== null;
  const view = bannerView({
    configured,
    session: session.status,
    reachability: sync.reachability,
    reachabilityDetail: sync.reachabilityDetail,
    pending: stats?.pending ?? 0,
    rejected: stats?.rejected ?? 0,
    oldestPendingAt: stats?.oldestPendingAt ?? null,
    headError: stats?.headError ?? null,
    headNextAttemptAt: stats?.headNextAttemptAt ?? null,
    sender: sync.leader ? sync.sender : null,
    now,
  });
  const canRetry = session.status === 'active' && (stats?.pending ?? 0) > 0;

  return (
    <section
      className="sync"
      aria-label="Envío a la central"
      data-sender={sync.leader ? 'this-window' : 'other-window'}
    >
      <div className={`sync__banner sync__banner--${view.tone}`}>
        <div role="status" className="sync__status" data-tone={view.tone} data-pending={stats?.pending ?? ''}>
          <span className="sync__text">{view.text}</span>
          {view.detail && <span className="sync__detail"> {view.detail}</span>}
        </div>
        <div className="sync__actions">
          {canRetry && (
            <button type="button" onClick={() => sender.retryNow()}>
              Reintentar central
            </button>
          )}
          <button
            ref={panelButton}
            type="button"
            aria-expanded={session.panelOpen}
            onClick={() => dispatch(panelToggled(!session.panelOpen))}
          >
            {session.status === 'active'
              ? `Central: ${session.displayName ?? session.username}`
              : 'Iniciar sesión en la central'}
          </button>
        </div>
      </div>
      {session.panelOpen && <SignInPanel opener={panelButton} />}
    </section>
  );
}
