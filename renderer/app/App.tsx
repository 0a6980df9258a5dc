import { Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { canOpenBoard, LazyBoardScreen } from '../features/board';
import { CallHistory, MissedCalls } from '../features/calllog';
import { canOpenCases, canOpenEscalations, LazyCasesScreen, LazyEscalationsScreen } from '../features/cases';
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
import { isSearchShortcut, SearchPanel } from '../features/search';
import { SettingsPanel } from '../features/settings';
import { UpdateBanner } from '../features/shell';
import { useAppDispatch, useAppSelector } from './hooks';
import { useServices } from './servicesContext';
import { StatusStrip } from './StatusStrip';

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
  const [chosen, setChosen] = useState<Screen>('desk');
  // Each Ctrl+K asks the desk's search box for focus (the desk first, from any other screen).
  const [searchFocusRequest, setSearchFocusRequest] = useState(0);
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
        return;
      }
      if (isSearchShortcut(event)) {
        event.preventDefault();
        // A modal (a pop-up, settings) keeps the keyboard: the agent closes it first (Esc).
        if (document.querySelector('[aria-modal="true"], dialog[open]')) return;
        board.close();
        setChosen('desk');
        setSearchFocusRequest((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, board]);
  const role = useAppSelector((s) => (s.session.status === 'active' ? s.session.role : null));
  // Back-office screens exist only for the roles that use them (agents get no entry for them).
  const screens = screensFor(role);
  const screen = screens.includes(chosen) ? chosen : 'desk';
  const go = (next: Screen) => {
    if (next === 'board') board.open();
    else board.close();
    setChosen(next);
  };
  const lineProblem = useAppSelector((s) => s.settings.lineProblem);
  const companionMode = useAppSelector((s) => s.settings.line.companionMode);
  const fixedHeight = screen !== 'board' && screen !== 'history';
  return (
    <div className={fixedHeight ? 'app app--fixed' : 'app'}>
      <header className="app__header">
        <h1>Companion</h1>
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
        <button type="button" className="app__settings" onClick={() => setSettingsOpen(true)}>
          Configuración
        </button>
      </header>
      <StatusStrip lineProblem={lineProblem} />
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
          <CallBarSlot />
          <CallHistory companionMode={companionMode} />
        </main>
      ) : (
        <main className="app__main">
          <div className="app__left">
            <CallBarSlot />
            <SearchPanel
              onOpen={(codigo) => void dispatch(openCustomer(codigo))}
              focusRequest={searchFocusRequest}
            />
          </div>
          <div className="app__right">
            <CustomerCard />
            <FormsList />
            <MissedCalls companionMode={companionMode} />
          </div>
        </main>
      )}
      <PopupDialog />
      <CandidatePicker />
      <NewRequirementDialog />
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

/**
 * The call bar, hidden while a pop-up shows the call: its own subscription, so a call popping up
 * re-renders this slot and the pop-up, not the whole desk (the pop's paint waits for every render).
 */
function CallBarSlot() {
  const popupOpen = useAppSelector((s) => s.popup.open || s.popup.candidates.length > 1);
  return popupOpen ? null : <CallBar />;
}
