import { Suspense, useState } from 'react';
import { LazyBoardScreen, canOpenBoard, type BoardServices } from '../features/board';
import { MissedCalls } from '../features/calllog/MissedCalls';
import { ImportDirectory } from '../features/directory/ImportDirectory';
import { LineStatus } from '../features/line/LineStatus';
import { FormsList } from '../features/outbox/FormsList';
import { CallBar } from '../features/popup/CallBar';
import { CandidatePicker } from '../features/popup/CandidatePicker';
import { CustomerCard } from '../features/popup/CustomerCard';
import { PopupDialog } from '../features/popup/PopupDialog';
import { SearchPanel } from '../features/search/SearchPanel';
import { SettingsPanel } from '../features/settings/SettingsPanel';
import { SyncBanner } from '../features/sync/SyncBanner';
import { useAppSelector } from './hooks';

export function App({ board }: { board: BoardServices }) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [screen, setScreen] = useState<'desk' | 'board'>('desk');
  const role = useAppSelector((s) => (s.session.status === 'active' ? s.session.role : null));
  // Back-office screens exist only for the roles that use them (agents get no entry at all).
  const boardAllowed = canOpenBoard(role);
  const showBoard = screen === 'board' && boardAllowed;
  const go = (next: 'desk' | 'board') => {
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
        {boardAllowed && (
          <nav className="app__nav" aria-label="Pantallas">
            <button type="button" aria-current={!showBoard ? 'page' : undefined} onClick={() => go('desk')}>
              Escritorio
            </button>
            <button type="button" aria-current={showBoard ? 'page' : undefined} onClick={() => go('board')}>
              Tablero
            </button>
          </nav>
        )}
        <div className="app__line">
          {lineProblem ? <span className="muted">{lineProblem}</span> : <LineStatus />}
          <button type="button" onClick={() => setSettingsOpen(true)}>
            Configuración
          </button>
        </div>
      </header>
      <SyncBanner />
      {showBoard ? (
        <main className="app__board">
          <Suspense fallback={<p className="muted">Cargando el tablero…</p>}>
            <LazyBoardScreen service={board.service} api={board.api} />
          </Suspense>
        </main>
      ) : (
        <main className="app__main">
          <div className="app__left">
            {!popupOpen && <CallBar />}
            <SearchPanel />
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
