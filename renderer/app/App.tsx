import { useState } from 'react';
import { MissedCalls } from '../features/calllog';
import { ImportDirectory } from '../features/directory';
import { LineStatus } from '../features/line';
import { FormsList } from '../features/outbox';
import { CallBar, CandidatePicker, CustomerCard, openCustomer, PopupDialog } from '../features/popup';
import { SearchPanel } from '../features/search';
import { SettingsPanel } from '../features/settings';
import { SyncBanner } from '../features/sync';
import { useAppDispatch, useAppSelector } from './hooks';

export function App() {
  const dispatch = useAppDispatch();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const popupOpen = useAppSelector((s) => s.popup.open || s.popup.candidates.length > 1);
  const lineProblem = useAppSelector((s) => s.settings.lineProblem);
  const companionMode = useAppSelector((s) => s.settings.line.companionMode);
  return (
    <div className="app">
      <header className="app__header">
        <h1>Companion</h1>
        <ImportDirectory />
        <div className="app__line">
          {lineProblem ? <span className="muted">{lineProblem}</span> : <LineStatus />}
          <button type="button" onClick={() => setSettingsOpen(true)}>
            Configuración
          </button>
        </div>
      </header>
      <SyncBanner />
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
      <PopupDialog />
      <CandidatePicker />
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
