import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { Provider } from 'react-redux';
import { detectPlatform } from '../platform';
import { App } from './App';
import { readAppConfig } from './config';
import { createApp, type CompanionApp } from './services';
import { ServicesProvider } from './servicesContext';

/**
 * The desk proper, loaded by renderer/main.tsx right after the frame is painted (a chunk of its
 * own: services, store, screens, the pop-up, Dexie, zod, phone parsing). Creates the app in the
 * composition root (services.ts), draws it in place of the frame, then starts its services.
 */
export function runDesk(root: Root): CompanionApp {
  const app = createApp(readAppConfig(detectPlatform()));
  root.render(
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
  return app;
}
