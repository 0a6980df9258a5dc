import { Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { canOpenBoard, LazyBoardScreen } from '../features/board';
import { CallHistory, MissedCalls } from '../features/calllog';
import { canOpenCases, canOpenEscalations, LazyCasesScreen, LazyEscalationsScreen } from '../features/cases';
import { ImportDirectory } from '../features/directory';
import { LineStatus } from '../features/line';
import { FormsList } from '../features/outbox';
import {
  CallBar,
  CandidatePicker,
  CustomerCard,
  NewRequirementDialog,
  openCustomer,
  PopupDialog,
  REQUIREMENT_SHORTCUT,
  requirementOpened,
} from '../features/popup';
import { SearchPanel } from '../features/search';
import { SettingsPanel } from '../features/settings';
import { UpdateBanner } from '../features/shell';
import { SyncBanner } from '../features/sync';
import { useAppDispatch, useAppSelector } from './hooks';
import { useServices } from './servicesContext';

type Screen = 'desk' | 'history' | 'board' | 'cases' | 'escalations';

const SCREEN_LABELS: Record<Screen, string> = {
  desk: 'Escritorio',
  history: 'Llamadas',
  board: 'Tablero',
  cases: 'Casos',
  escalations: 'Escalamientos',
};

/** The screens an account of this kind gets: agents the desk and their calls; back-office screens by role. */
function screensFor(role: string | null): Screen[] {
  const screens: Screen[] = ['desk', 'history'];
  if (canOpenBoard(role)) screens.push('board');
  if (canOpenCases(role)) screens.push('cases');
  if (canOpenEscalations(role)) screens.push('escalations');
  return screens;
}

export function App() {
  const dispatch = useAppDispatch();
  const { platform, board, cases, escalationCount } = useServices();
  const openEscalations = useSyncExternalStore(escalationCount.subscribe, escalationCount.current);
  const [settingsOpen, setSettingsOpen] = useState(false);
  useEffect(() => {
    // "Nuevo requerimiento" from anywhere: the card, any pop-up, or this shortcut.
    const onKey = (event: KeyboardEvent) => {
      if (
        event.altKey &&
        !event.ctrlKey &&
        !event.metaKey &&
        (event.code === 'KeyR' || event.key.toLowerCase() === REQUIREMENT_SHORTCUT.key)
      ) {
        event.preventDefault();
        dispatch(requirementOpened());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);
  const [chosen, setChosen] = useState<Screen>('desk');
  const role = useAppSelector((s) => (s.session.status === 'active' ? s.session.role : null));
  // Back-office screens exist only for the roles that use them (agents get no entry for them).
  const screens = screensFor(role);
  const screen = screens.includes(chosen) ? chosen : 'desk';
  const go = (next: Screen) => {
    if (next === 'board') board.open();
    else board.close();
    setChosen(next);
  };
  const popupOpen = useAppSelector((s) => s.popup.open || s.popup.candidates.length > 1);
  const lineProblem = useAppSelector((s) => s.settings.lineProblem);
  const companionMode = useAppSelector((s) => s.settings.line.companionMode);
  return (
    <div className={screen === 'cases' || screen === 'escalations' ? 'app app--fixed' : 'app'}>
      <header className="app__header">
        <h1>Companion</h1>
        <ImportDirectory />
        {screens.length > 1 && (
          <nav className="app__nav" aria-label="Pantallas">
            {screens.map((entry) => (
              <button
                key={entry}
                type="button"
                aria-current={entry === screen ? 'page' : undefined}
                onClick={() => go(entry)}
              >
                {SCREEN_LABELS[entry]}
                {entry === 'escalations' && openEscalations !== null && (
                  <span className="app__count" data-testid="open-escalations">
                    <span aria-hidden="true">{openEscalations}</span>
                    <span className="visually-hidden">
                      {`, ${openEscalations} ${openEscalations === 1 ? 'abierto' : 'abiertos'}`}
                    </span>
                  </span>
                )}
              </button>
            ))}
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
      <UpdateBanner updates={platform.desktop} />
      {screen === 'board' ? (
        <main className="app__board">
          <Suspense fallback={<p className="muted">Cargando el tablero…</p>}>
            <LazyBoardScreen service={board.service} api={board.api} />
          </Suspense>
        </main>
      ) : screen === 'cases' || screen === 'escalations' ? (
        <main className="app__backoffice">
          <Suspense fallback={<p className="muted">Cargando {SCREEN_LABELS[screen].toLowerCase()}…</p>}>
            {screen === 'cases' ? <LazyCasesScreen api={cases} /> : <LazyEscalationsScreen api={cases} />}
          </Suspense>
        </main>
      ) : screen === 'history' ? (
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
      <NewRequirementDialog />
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
