import { useEffect, useRef, useState } from 'react';

/**
 * A number to dial on another device, with "Copiar": companion mode shows the Telecobranzas
 * number this way, since the app is not in the call and cannot transfer it.
 */
export function CopyNumber({ label, number }: { label: string; number: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(number);
      setCopied('yes');
    } catch {
      // No clipboard permission (or API): select the text so Ctrl+C works, and say so.
      input.current?.select();
      setCopied('no');
    }
  };

  return (
    <div className="copy-number" role="group" aria-label={label}>
      <span className="copy-number__label">{label}</span>
      <input
        ref={input}
        className="copy-number__value"
        readOnly
        value={number}
        aria-label={`${label}, número`}
      />
      <button type="button" onClick={() => void copy()}>
        Copiar
      </button>
      {copied === 'yes' && <span className="copy-number__feedback">Copiado</span>}
      {copied === 'no' && <span className="copy-number__feedback">Seleccionado: presione Ctrl+C</span>}
    </div>
  );
}
