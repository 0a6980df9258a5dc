import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServices } from '../../app/servicesContext';
import { panelToggled } from './sessionSlice';

/**
 * "Iniciar sesión en la central": address, user, password. The token is kept; the password never is.
 *
 * A non-modal drop-down under its button (the desk stays usable, and the app opens it by itself
 * when the session expires): Esc anywhere inside closes it, and whenever it goes away with the
 * focus inside (Esc, «Cerrar», signed in) the focus goes back to `opener`, not to the page's body.
 */
export function SignInPanel({ opener }: { opener: RefObject<HTMLElement | null> }) {
  const dispatch = useAppDispatch();
  const root = useRef<HTMLElement>(null);
  const close = () => dispatch(panelToggled(false));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    close();
  };
  // Runs before React removes the panel, while what has the focus is still in it. On the body: the
  // focus was lost in the panel («Iniciar sesión» is disabled while it connects), so it comes back too.
  useLayoutEffect(() => {
    const panel = root.current;
    const button = opener.current;
    return () => {
      const active = document.activeElement;
      if (!active || active === document.body || panel?.contains(active)) button?.focus();
    };
  }, [opener]);
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
      <section ref={root} className="signin" aria-labelledby={titleId} onKeyDown={onKeyDown}>
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
          <button type="button" onClick={close}>
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
    <section ref={root} className="signin" aria-labelledby={titleId} onKeyDown={onKeyDown}>
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
          <button type="button" onClick={close}>
            Cerrar
          </button>
        </div>
      </form>
    </section>
  );
}
