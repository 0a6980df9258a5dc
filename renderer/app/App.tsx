import { ImportDirectory } from '../features/directory/ImportDirectory';
import { FormsList } from '../features/outbox/FormsList';
import { CustomerCard } from '../features/popup/CustomerCard';
import { PopupDialog } from '../features/popup/PopupDialog';
import { SearchPanel } from '../features/search/SearchPanel';

export function App() {
  return (
    <div className="app">
      <header className="app__header">
        <h1>Companion</h1>
        <ImportDirectory />
      </header>
      <main className="app__main">
        <div className="app__left">
          <SearchPanel />
          <CustomerCard />
        </div>
        <aside className="app__right">
          <FormsList />
        </aside>
      </main>
      <PopupDialog />
    </div>
  );
}
