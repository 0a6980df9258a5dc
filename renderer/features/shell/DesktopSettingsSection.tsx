import { useEffect, useId, useState } from 'react';
import type { DesktopSettings, RendererBridge } from '../../../shared/ipc/contract';

export type DesktopSettingsPort = Pick<RendererBridge, 'desktopSettingsGet' | 'desktopSettingsSet'>;

/** Electron only: the pop-up's shortcut and starting with Windows. */
export function DesktopSettingsSection({ port }: { port: DesktopSettingsPort | null }) {
  const id = useId();
  const [settings, setSettings] = useState<DesktopSettings | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!port) return;
    let live = true;
    void port.desktopSettingsGet().then((s) => {
      if (!live) return;
      setSettings(s);
      setShortcut(s.popShortcut);
    });
    return () => {
      live = false;
    };
  }, [port]);

  if (!port || !settings) return null;

  const save = (patch: Parameters<DesktopSettingsPort['desktopSettingsSet']>[0], done: string) => {
    setMessage(null);
    port.desktopSettingsSet(patch).then(
      (next) => {
        setSettings(next);
        setShortcut(next.popShortcut);
        setMessage({ ok: true, text: done });
      },
      (error: unknown) =>
        setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) }),
    );
  };

  return (
    <section className="desktop-settings" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Escritorio</h3>
      <form
        className="desktop-settings__row"
        onSubmit={(event) => {
          event.preventDefault();
          save({ popShortcut: shortcut }, 'Atajo guardado.');
        }}
      >
        <label htmlFor={`${id}-shortcut`}>Atajo para traer el aviso de llamada</label>
        <input
          id={`${id}-shortcut`}
          value={shortcut}
          onChange={(event) => setShortcut(event.target.value)}
          aria-describedby={`${id}-shortcut-help`}
        />
        <button type="submit">Guardar atajo</button>
        <span id={`${id}-shortcut-help`} className="muted">
          Por ejemplo Control+Alt+Space.
          {settings.popShortcutProblem ? ` ${settings.popShortcutProblem}` : ''}
        </span>
      </form>
      <label className="desktop-settings__row">
        <input
          type="checkbox"
          checked={settings.startAtLogin}
          onChange={(event) =>
            save(
              { startAtLogin: event.target.checked },
              event.target.checked
                ? 'Companion se iniciará con Windows.'
                : 'Companion no se iniciará con Windows.',
            )
          }
        />
        Iniciar con Windows (en la bandeja)
      </label>
      {settings.problem && <p className="error">{settings.problem}</p>}
      {message && (
        <p role="status" className={message.ok ? 'notice notice--ok' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
