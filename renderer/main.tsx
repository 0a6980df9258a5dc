import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { createBoardServices } from './features/board';
import { activeCredentials } from './features/session/sessionService';
import { tuning } from './features/sync/tuning';
import { startSavedLine } from './app/telephony';
import { createStore } from './app/store';
import { refreshCustomerCount } from './features/directory/directorySlice';
import { seedSampleIfEmpty } from './features/directory/seedSample';
import { platform } from './platform';
import './styles.css';

const store = createStore();
const board = createBoardServices({ credentials: activeCredentials, timeoutMs: tuning.timeoutMs });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App board={board} />
    </Provider>
  </StrictMode>,
);

void startSavedLine(store).catch((error: unknown) =>
  platform.log('error', 'line not started', { error: String(error) }),
);

void seedSampleIfEmpty()
  .catch((error: unknown) => platform.log('error', 'sample directory not loaded', { error: String(error) }))
  .finally(() => {
    void store.dispatch(refreshCustomerCount());
    document.documentElement.dataset.ready = 'true';
  });
