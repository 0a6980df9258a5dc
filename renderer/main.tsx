import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { startSavedLine } from './app/telephony';
import { createStore } from './app/store';
import { refreshCustomerCount } from './features/directory/directorySlice';
import { seedSampleIfEmpty, upgradeDirectoryLayout } from './features/directory/seedSample';
import { platform } from './platform';
import './styles.css';

const store = createStore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App />
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
    void upgradeDirectoryLayout().catch((error: unknown) =>
      platform.log('error', 'directory layout not upgraded', { error: String(error) }),
    );
  });
