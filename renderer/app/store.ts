import { configureStore } from '@reduxjs/toolkit';
import directory from '../features/directory/directorySlice';
import popup from '../features/popup/popupSlice';
import search from '../features/search/searchSlice';
import line from '../features/line/lineSlice';
import call from '../features/call/callSlice';
import settings from '../features/settings/settingsSlice';
import sync from '../features/sync/syncSlice';
import session from '../features/session/sessionSlice';
import tickets from '../features/tickets/ticketsSlice';
import { ticketRefreshListener } from './ticketRefresh';
import { ticketCache } from '../features/tickets/ticketService';

export function createStore() {
  return configureStore({
    reducer: { directory, search, popup, settings, line, call, sync, session, tickets },
    middleware: (getDefault) => getDefault().prepend(ticketRefreshListener(ticketCache)),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
