import { useEffect, useId, useState } from 'react';
import { useServices } from '../../app/servicesContext';
import { parseRetentionDays } from './retention';
import './calllog.css';

/**
 * "Historial de llamadas" in Configuración: how many days the call history is kept. Saving prunes
 * at once; calls the back office does not have yet are kept whatever their age.
 */
export function CallHistorySettings() {
  const { callLogRetention } = useServices();
  const id = useId();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    void callLogRetention.days().then((days) => {
      if (live) setValue(String(days));
    });
    return () => {
      live = false;
    };
  }, [callLogRetention]);

  const save = async () => {
    const parsed = parseRetentionDays(value);
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.reason });
      return;
    }
    try {
      const pruned = await callLogRetention.setDays(parsed.days);
      const forgotten =
        pruned === 0
          ? ''
          : pruned === 1
            ? ' Se borró 1 llamada antigua.'
            : ` Se borraron ${pruned} llamadas antiguas.`;
      setMessage({ ok: true, text: `Se conservan ${parsed.days} días de llamadas.${forgotten}` });
    } catch (error) {
      setMessage({
        ok: false,
        text: `No se guardó: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  return (
    <section className="history-settings" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Historial de llamadas</h3>
      <form
        className="history-settings__row"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor={`${id}-days`}>Conservar las llamadas (días)</label>
        <input
          id={`${id}-days`}
          inputMode="numeric"
          value={value}
          aria-describedby={`${id}-help`}
          aria-invalid={message?.ok === false ? true : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit">Aplicar</button>
      </form>
      <p id={`${id}-help`} className="muted">
        Las llamadas que aún no llegan a la central no se borran.
      </p>
      {message && (
        <p role="status" className={message.ok ? 'notice notice--ok' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
