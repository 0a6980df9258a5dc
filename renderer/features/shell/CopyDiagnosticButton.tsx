import { useState } from 'react';

/** "Copiar diagnóstico": the support page on the clipboard, never a password or token in it. */
export function CopyDiagnosticButton({ copy }: { copy: () => Promise<string> }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  return (
    <div className="diagnostic">
      <button
        type="button"
        disabled={state === 'busy'}
        onClick={() => {
          setState('busy');
          copy().then(
            () => setState('done'),
            () => setState('failed'),
          );
        }}
      >
        Copiar diagnóstico
      </button>
      <span role="status" className="muted">
        {state === 'done' && 'Diagnóstico copiado: péguelo en el mensaje a soporte.'}
        {state === 'failed' && 'No se pudo copiar el diagnóstico; intente de nuevo.'}
      </span>
    </div>
  );
}
