import { useEffect, useState } from 'react';
import type { RendererBridge, UpdateStatus } from '../../../shared/ipc/contract';

export type UpdatePort = Pick<RendererBridge, 'updateStatus' | 'updateInstall' | 'on'>;

/** An update downloaded in the background: installed when the agent chooses, never during a call. */
export function UpdateBanner({ updates }: { updates: UpdatePort | null }) {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    if (!updates) return;
    let live = true;
    const off = updates.on('updateStatus', setStatus);
    void updates.updateStatus().then((s) => live && setStatus((shown) => shown ?? s));
    return () => {
      live = false;
      off();
    };
  }, [updates]);
  if (!updates || status?.phase !== 'ready') return null;
  return (
    <div className="update-banner" role="region" aria-label="Actualización">
      <span>{status.message}</span>
      <button
        type="button"
        onClick={() => {
          setRefusal(null);
          void updates.updateInstall().then((result) => {
            if (!result.started) setRefusal(result.reason);
          });
        }}
      >
        Reiniciar y actualizar
      </button>
      {refusal && <span role="status">{refusal}</span>}
    </div>
  );
}
