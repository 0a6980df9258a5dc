import { useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { useNow } from '../../components/useNow';
import { formatAge, formatLimit, isStale } from './age';
import type { DirectoryProgress } from './engine/progress';

const PHASE_LABEL: Record<DirectoryProgress['phase'], string> = {
  snapshot: 'Descargando el directorio completo',
  delta: 'Actualizando el directorio',
  import: 'Importando',
  index: 'Preparando los índices de búsqueda',
  compact: 'Reorganizando el directorio',
};

function progressText(progress: DirectoryProgress): string {
  const label = PHASE_LABEL[progress.phase];
  if (progress.total === null || progress.total === 0) return `${label}…`;
  const percent = Math.min(100, Math.floor((progress.done / progress.total) * 100));
  if (progress.phase === 'compact') return `${label}: ${percent} %`;
  return `${label}: ${percent} % (${progress.done.toLocaleString('es-CL')} de ${progress.total.toLocaleString('es-CL')})`;
}

/** Age of the local copy and any download in progress: one line for the desk's status strip. */
export function DirectoryAge() {
  const { info, sync } = useAppSelector((s) => s.directory);
  const now = useNow(30_000);
  const syncedAt = info?.syncedAt ?? null;
  const age = syncedAt ? formatAge(now - Date.parse(syncedAt)) : null;
  return (
    <>
      <span className="directory-status__age" data-synced-at={syncedAt ?? ''}>
        {info?.source === 'sample'
          ? 'directorio de ejemplo (modo demostración)'
          : age
            ? `directorio de ${age}`
            : info && info.count > 0
              ? 'directorio local, sin sincronizar con la central'
              : ''}
      </span>
      {sync.progress && (
        <span className="directory-status__progress" role="status" data-phase={sync.progress.phase}>
          <progress
            aria-label="Descarga del directorio"
            max={sync.progress.total ?? 1}
            value={sync.progress.total === null ? undefined : sync.progress.done}
          />{' '}
          {progressText(sync.progress)}
        </span>
      )}
    </>
  );
}

/**
 * What an agent must read about the copy, below the status strip and only while it holds: too old,
 * no connection, a snapshot held back (with its "Reemplazar"), storage not guaranteed.
 */
export function DirectoryNotices() {
  const { info, sync, persisted, maxAgeHours } = useAppSelector((s) => s.directory);
  const { directoryUpdates } = useServices();
  const now = useNow(30_000);

  const syncedAt = info?.syncedAt ?? null;
  const age = syncedAt ? formatAge(now - Date.parse(syncedAt)) : null;
  const stale = isStale(syncedAt, now, maxAgeHours);
  const offline = sync.status === 'offline' || sync.status === 'error';
  const unauthorized = sync.status === 'unauthorized' && sync.message;
  const held = sync.status === 'held' && sync.message;
  if (!stale && !(offline && sync.message) && !unauthorized && !held && persisted !== false) return null;

  return (
    <div className="directory-status">
      {stale && (
        <p role="alert" className="warning directory-status__stale">
          El directorio tiene más de {formatLimit(maxAgeHours)} (última actualización {age}): los datos pueden
          estar desactualizados.
        </p>
      )}
      {offline && sync.message && (
        <p className="muted directory-status__offline">
          {sync.message} Las búsquedas usan el directorio local{age ? ` de ${age}` : ''}.
        </p>
      )}
      {unauthorized && <p className="warning">{sync.message}</p>}
      {held && (
        <div role="alert" className="warning directory-status__held">
          <p>{sync.message}</p>
          <button type="button" onClick={() => directoryUpdates.replaceWithServer()}>
            Reemplazar por el directorio de la central
          </button>
        </div>
      )}
      {persisted === false && (
        <p className="warning directory-status__persist">
          El navegador no garantiza conservar el directorio local: si falta espacio en disco podría borrarse y
          habría que descargarlo de nuevo.
        </p>
      )}
    </div>
  );
}
