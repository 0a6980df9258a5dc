import { Suspense, useState } from 'react';
import { canOpenBoard, LazyBoardScreen } from '../features/board';
import { CallHistory, MissedCalls } from '../features/calllog';
import { ImportDirectory } from '../features/directory';
import { LineStatus } from '../features/line';
import { FormsList } from '../features/outbox';
import { CallBar, CandidatePicker, CustomerCard, openCustomer, PopupDialog } from '../features/popup';
import { SearchPanel } from '../features/search';
import { SettingsPanel } from '../features/settings';
import { UpdateBanner } from '../features/shell';
import { SyncBanner } from '../features/sync';
import { useAppDispatch, useAppSelector } from './hooks';
import { useServices } from './servicesContext';

type Screen = 'desk' | 'history' | 'board';

export function App() {
  const dispatch = useAppDispatch();
  const { platform, board } = useServices();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [screen, setScreen] = useState<Screen>('desk');
  const role = useAppSelector((s) => (s.session.status === 'active' ? s.session.role : null));
  // Back-office screens exist only for the roles that use them (agents get no entry at all).
  const boardAllowed = canOpenBoard(role);
  const showBoard = screen === 'board' && boardAllowed;
  const current: Screen = screen === 'board' && !boardAllowed ? 'desk' : screen;
  const go = (next: Screen) => {
    if (next === 'board') board.open();
    else board.close();
    setScreen(next);
  };
  const popupOpen = useAppSelector((s) => s.popup.open || s.popup.candidates.length > 1);
  const lineProblem = useAppSelector((s) => s.settings.lineProblem);
  const companionMode = useAppSelector((s) => s.settings.line.companionMode);
  return (
    <div className="app">
      <header className="app__header">
        <h1>Companion</h1>
        <ImportDirectory />
        <nav className="app__nav" aria-label="Pantallas">
          <button
            type="button"
            aria-current={current === 'desk' ? 'page' : undefined}
            onClick={() => go('desk')}
          >
            Escritorio
          </button>
          <button
            type="button"
            aria-current={current === 'history' ? 'page' : undefined}
            onClick={() => go('history')}
          >
            Llamadas
          </button>
          {boardAllowed && (
            <button type="button" aria-current={showBoard ? 'page' : undefined} onClick={() => go('board')}>
              Tablero
            </button>
          )}
        </nav>
        <div className="app__line">
          {lineProblem ? <span className="muted">{lineProblem}</span> : <LineStatus />}
          <button type="button" onClick={() => setSettingsOpen(true)}>
            Configuración
          </button>
        </div>
      </header>
      <SyncBanner />
      <UpdateBanner updates={platform.desktop} />
      {showBoard ? (
        <main className="app__board">
          <Suspense fallback={<p className="muted">Cargando el tablero…</p>}>
            <LazyBoardScreen service={board.service} api={board.api} />
          </Suspense>
        </main>
      ) : current === 'history' ? (
        <main className="app__history">
          {/* A call that rings or is up keeps its buttons in reach on this screen too. */}
          {!popupOpen && <CallBar />}
          <CallHistory companionMode={companionMode} />
        </main>
      ) : (
        <main className="app__main">
          <div className="app__left">
            {!popupOpen && <CallBar />}
            <SearchPanel onOpen={(codigo) => void dispatch(openCustomer(codigo))} />
            <CustomerCard />
          </div>
          <aside className="app__right">
            <FormsList />
            <MissedCalls companionMode={companionMode} />
          </aside>
        </main>
      )}
      <PopupDialog />
      <CandidatePicker />
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
