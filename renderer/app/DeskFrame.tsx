/**
 * The desk's frame, painted before anything else loads (renderer/main.tsx): the header and the two
 * columns where search, the call and the forms will be, saying that the desk is getting ready. It
 * imports nothing but React, so the first paint costs react-dom and this file; the desk itself
 * (services, store, screens, pop-up) arrives as a chunk of its own right after (desk.tsx) and
 * replaces it in the same root. If that chunk cannot load, the agent is told so in Spanish and
 * can try again (the window reloads: a browser does not fetch a failed module twice).
 */
export type DeskFrameState = 'loading' | 'failed';

export function DeskFrame({ state, onRetry }: { state: DeskFrameState; onRetry: () => void }) {
  return (
    <div className="app" aria-busy={state === 'loading'}>
      <header className="app__header">
        <h1>Companion</h1>
      </header>
      <main className="app__main">
        <div className="app__left">
          {state === 'loading' ? (
            <p role="status" className="muted">
              Preparando el escritorio…
            </p>
          ) : (
            <div role="alert" className="error">
              <p>
                No se pudo cargar el escritorio de Companion. Revise la conexión con este equipo y reintente;
                si vuelve a fallar, reinicie la aplicación.
              </p>
              <button type="button" onClick={onRetry}>
                Reintentar
              </button>
            </div>
          )}
        </div>
        <aside className="app__right" />
      </main>
    </div>
  );
}
