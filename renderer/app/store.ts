import { configureStore } from '@reduxjs/toolkit';
import { callReducer } from '../features/call';
import { directoryReducer, type DirectoryThunkExtra } from '../features/directory';
import { lineReducer } from '../features/line';
import { popupReducer, type IncomingCallExtra, type PopupThunkExtra } from '../features/popup';
import { searchReducer, type SearchThunkExtra } from '../features/search';
import { sessionReducer } from '../features/session';
import { settingsReducer } from '../features/settings';
import { syncReducer } from '../features/sync';
import { ticketsReducer, type TicketsExtra } from '../features/tickets';
import { ticketRefreshListener } from './ticketRefresh';

/**
 * What the features' thunks reach through the store's extra argument: each feature declares the
 * services it needs, the composition root (services.ts) provides them all.
 */
export type ThunkServices = DirectoryThunkExtra &
  SearchThunkExtra &
  PopupThunkExtra &
  IncomingCallExtra &
  TicketsExtra;

/** A ringing call shows without its pop-up after this long (a slow look-up). */
export const AUTOBATCH_MS = 50;

export function createStore(services: ThunkServices) {
  return configureStore({
    reducer: {
      directory: directoryReducer,
      search: searchReducer,
      popup: popupReducer,
      settings: settingsReducer,
      line: lineReducer,
      call: callReducer,
      sync: syncReducer,
      session: sessionReducer,
      tickets: ticketsReducer,
    },
    middleware: (getDefault) =>
      getDefault({ thunk: { extraArgument: services } }).prepend(
        ticketRefreshListener(services.tickets, services.log),
      ),
    // Actions marked SHOULD_AUTOBATCH (a ringing call, the start of its look-up) reach the screen
    // with the next unmarked one (its pop-up), or after this long: a timer, not the default
    // animation frame, because a frame asked for before the pop-up is ready makes it wait for the
    // one after (bench:pop).
    enhancers: (getDefault) => getDefault({ autoBatch: { type: 'timer', timeout: AUTOBATCH_MS } }),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
