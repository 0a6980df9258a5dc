import { useState } from 'react';
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
import { UpdateBanner } from '../features/shell';
import { SyncBanner } from '../features/sync/SyncBanner';
import { platform } from '../platform';
import { useAppSelector } from './hooks';

export function App() {
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
      <UpdateBanner updates={platform.desktop} />
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
      <PopupDialog />
      <CandidatePicker />
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
