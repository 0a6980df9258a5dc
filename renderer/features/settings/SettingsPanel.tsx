import { useEffect, useId, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { Modal } from '../../components/Modal';
import { CallHistorySettings } from '../calllog';
import { CopyDiagnosticButton, DesktopSettingsSection } from '../shell';
import type { LineSettings } from './lineSettings';

/** "Configuración": the agent's line. The password is stored as a secret and never shown back. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { line, platform, diagnostic } = useServices();
  const current = useAppSelector((s) => s.settings);
  const [draft, setDraft] = useState<LineSettings>(current.line);
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setDraft(current.line), [current.line]);

  const field = (name: keyof LineSettings, label: string, placeholder = '') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        value={String(draft[name])}
        placeholder={placeholder}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <Modal aria-labelledby={`${id}-title`} className="popup settings" onClose={onClose}>
      <div className="popup__head">
        <h2 id={`${id}-title`}>Configuración de la línea</h2>
      </div>
      <div className="popup__scroll">
        <form
          id={`${id}-form`}
          className="block-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void line
              .applySettings(draft, password === '' ? null : password)
              .then((problem) => setMessage(problem ?? 'Configuración guardada: conectando la línea…'));
          }}
        >
          {field('sipWs', 'Servidor WebSocket', 'wss://pbx.ejemplo.cl:8089/ws')}
          {field('sipUri', 'URI SIP del anexo', 'sip:1001@pbx.ejemplo.cl')}
          <div className="field">
            <label htmlFor={`${id}-password`}>Contraseña de la línea</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              value={password}
              placeholder="(sin cambios)"
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {field('telecobranzasNumber', 'Número de Telecobranzas')}
          {field('ivrHeader', 'Cabecera SIP del IVR')}
          <div className="field">
            <label>
              <input
                type="checkbox"
                style={{ width: 'auto' }}
                checked={draft.companionMode}
                onChange={(event) => setDraft({ ...draft, companionMode: event.target.checked })}
              />{' '}
              Modo acompañante (otro softphone contesta; Companion solo muestra el pop-up)
            </label>
          </div>
          {message && (
            <p
              role="status"
              className={message.startsWith('Configuración guardada') ? 'notice notice--ok' : 'error'}
            >
              {message}
            </p>
          )}
        </form>
        <CallHistorySettings />
        <DesktopSettingsSection port={platform.desktop} />
        <CopyDiagnosticButton copy={() => diagnostic.copy()} />
      </div>
      {/* The line's buttons stay in view below the other sections (the form is tied by its id). */}
      <footer className="popup__footer">
        <button type="submit" form={`${id}-form`} className="primary">
          Guardar
        </button>
        <button type="button" onClick={onClose}>
          Cerrar
        </button>
      </footer>
    </Modal>
  );
}
