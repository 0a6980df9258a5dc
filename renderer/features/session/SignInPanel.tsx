import { useId, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { panelToggled } from './sessionSlice';

/** "Iniciar sesión en la central": address, user, password. The token is kept; the password never is. */
export function SignInPanel() {
  const dispatch = useAppDispatch();
  const session = useAppSelector((s) => s.session);
  const titleId = useId();
  const { session: service } = useServices();
  const defaults = service.kioskDefaults();
  const last = service.lastSignIn();
  const [serverUrl, setServerUrl] = useState(session.serverUrl ?? last?.serverUrl ?? defaults.serverUrl);
  const [username, setUsername] = useState(session.username ?? last?.username ?? defaults.username);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session.status === 'active') {
    return (
      <section className="signin" aria-labelledby={titleId}>
        <h2 id={titleId}>Sesión en la central</h2>
        <p>
          Conectado como <strong>{session.displayName}</strong> ({session.username}) en {session.serverUrl}.
        </p>
        <div className="actions">
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await service.signOut();
              setBusy(false);
            }}
          >
            Cerrar sesión
          </button>
          <button type="button" onClick={() => dispatch(panelToggled(false))}>
            Cerrar
          </button>
        </div>
      </section>
    );
  }

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await service.signIn(serverUrl, username, password);
    setBusy(false);
    if (result.ok) setPassword('');
    else setError(result.message);
  };

  return (
    <section className="signin" aria-labelledby={titleId}>
      <h2 id={titleId}>Iniciar sesión en la central</h2>
      {session.status === 'expired' && (
        <p className="error">
          {session.message ?? 'La sesión venció.'} Los formularios en cola se envían apenas vuelva a iniciar
          sesión.
        </p>
      )}
      <form
        className="signin__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label>
          Dirección de la central
          <input
            type="url"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            placeholder="https://central.empresa.cl"
            autoComplete="url"
          />
        </label>
        <label>
          Usuario
          <input
            type="text"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
          />
        </label>
        <label>
          Contraseña
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Conectando…' : 'Iniciar sesión'}
          </button>
          <button type="button" onClick={() => dispatch(panelToggled(false))}>
            Cerrar
          </button>
        </div>
      </form>
    </section>
  );
}
