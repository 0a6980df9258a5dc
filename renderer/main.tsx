import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { readAppConfig } from './app/config';
import { createApp } from './app/services';
import { ServicesProvider } from './app/servicesContext';
import { detectPlatform } from './platform';
import './styles.css';

// Everything the app runs is made and started in renderer/app/services.ts (read it first).
const platform = detectPlatform();
const app = createApp(readAppConfig(platform));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={app.store}>
      <ServicesProvider services={app.services}>
        <App />
      </ServicesProvider>
    </Provider>
  </StrictMode>,
);

void app.start().finally(() => {
  document.documentElement.dataset.ready = 'true';
});
